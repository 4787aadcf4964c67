// Public entry for enterprises on phones: plain React and its own CSS, none of the staff app's libraries.
// The gateway serves this entry for /report (and /report/...) and /track.
import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import './report.css';
import { ReportPage } from './ReportPage';
import { TrackPage } from './TrackPage';
import { isTrackPath } from './route';

const tracking = isTrackPath(window.location.pathname);
if (tracking) document.title = '诉求办理进度查询';

createRoot(document.getElementById('root')!).render(<StrictMode>{tracking ? <TrackPage /> : <ReportPage />}</StrictMode>);
