import { Navigate, Route, Routes } from 'react-router-dom';
import type { Me } from '../../api/types';
import { NotFoundPage } from '../StatusPages';

/** Routes under /supervision/*; each section adds its pages here. */
export function SupervisionRoutes({ me }: { me: Me }) {
  void me;
  return (
    <Routes>
      <Route index element={<Navigate to="actions" replace />} />
      <Route path="*" element={<NotFoundPage />} />
    </Routes>
  );
}
