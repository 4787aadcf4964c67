import { Navigate, Route, Routes } from 'react-router-dom';
import type { Me } from '../../api/types';
import { NotFoundPage } from '../StatusPages';
import { ActionDetailPage } from './actions/ActionDetailPage';
import { ActionsPage } from './actions/ActionsPage';
import { BattleMapPage } from './battlemap/BattleMapPage';
import { EvaluationsPage } from './evaluations/EvaluationsPage';
import { InspectionDetailPage } from './inspections/InspectionDetailPage';
import { InspectionsPage } from './inspections/InspectionsPage';
import { RectificationPage } from './inspections/RectificationPage';
import { PilotDetailPage } from './pilots/PilotDetailPage';
import { PilotsPage } from './pilots/PilotsPage';
import { PracticeDetailPage } from './practices/PracticeDetailPage';
import { PracticesPage } from './practices/PracticesPage';

/** Routes under /supervision/*; each section adds its pages here. */
export function SupervisionRoutes({ me }: { me: Me }) {
  void me;
  return (
    <Routes>
      <Route index element={<Navigate to="actions" replace />} />
      <Route path="actions" element={<ActionsPage me={me} />} />
      <Route path="actions/:code" element={<ActionDetailPage me={me} />} />
      <Route path="battle-map" element={<BattleMapPage me={me} />} />
      <Route path="pilots" element={<PilotsPage me={me} />} />
      <Route path="pilots/:code" element={<PilotDetailPage me={me} />} />
      <Route path="practices" element={<PracticesPage />} />
      <Route path="practices/:code" element={<PracticeDetailPage me={me} />} />
      <Route path="inspections" element={<InspectionsPage me={me} />} />
      <Route path="inspections/:code" element={<InspectionDetailPage me={me} />} />
      <Route path="rectifications/:id" element={<RectificationPage me={me} />} />
      <Route path="evaluations" element={<EvaluationsPage me={me} />} />
      <Route path="*" element={<NotFoundPage />} />
    </Routes>
  );
}
