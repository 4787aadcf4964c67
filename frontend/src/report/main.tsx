// Public entry for enterprises on phones: plain React and its own CSS, none of the staff app's libraries.
// The gateway serves this entry for /report (and /report/..., e.g. /report/rate and /report/league) and /track.
import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import './report.css';
import { ReportPage } from './ReportPage';
import { TrackPage } from './TrackPage';
import { isLeaguePath, isRatePath, isTrackPath } from './route';
import { RatePage } from './RatePage';
import { LeaguePublicPage } from './LeaguePublicPage';

const path = window.location.pathname;
const tracking = isTrackPath(path);
const rating = isRatePath(path);
const league = isLeaguePath(path);
if (tracking) document.title = '诉求办理进度查询';
if (rating) document.title = '营商环境我来评';
if (league) document.title = '诉求办理晾晒榜';
const page = tracking ? <TrackPage /> : rating ? <RatePage /> : league ? <LeaguePublicPage /> : <ReportPage />;

createRoot(document.getElementById('root')!).render(<StrictMode>{page}</StrictMode>);
