// Public entry for enterprises on phones: plain React and its own CSS, none of the staff app's libraries.
import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import './report.css';
import { ReportPage } from './ReportPage';

createRoot(document.getElementById('root')!).render(
  <StrictMode>
    <ReportPage />
  </StrictMode>,
);
