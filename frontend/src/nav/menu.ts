/** Staff areas in menu order; the first one a user may see is their landing page. */
export const AREAS = ['workbench', 'cockpit', 'tasks', 'supervision', 'indicators', 'feedback', 'bulletins', 'audit', 'admin'] as const;

export type Area = (typeof AREAS)[number];

// Which areas each role opens; a user's menu is the union over their roles.
// Leaders see their areas read-only; the hotline role is an API client with no UI.
const ROLE_AREAS = new Map<string, readonly Area[]>([
  ['reform_office', ['cockpit', 'tasks', 'supervision', 'indicators', 'feedback', 'bulletins', 'audit', 'admin']],
  ['leader', ['cockpit', 'tasks', 'supervision', 'indicators', 'feedback', 'bulletins']],
  ['group_lead', ['cockpit', 'tasks', 'supervision', 'indicators', 'bulletins']],
  // Units work from their workbench (a to-do list built for a phone), so it comes first and is their landing page.
  // Lead units also enter their indicators' values, so they open 指标对标.
  ['lead_unit', ['workbench', 'tasks', 'supervision', 'indicators', 'feedback', 'bulletins']],
  ['unit', ['workbench', 'tasks', 'supervision', 'feedback', 'bulletins']],
  ['district', ['workbench', 'tasks', 'supervision', 'feedback', 'bulletins']],
  ['hotline', []],
  // Auditors (审计员) read the audit logs and nothing else.
  ['auditor', ['audit']],
]);

export function areasForRoles(roles: readonly string[]): Area[] {
  const allowed = new Set(roles.flatMap((role) => ROLE_AREAS.get(role) ?? []));
  return AREAS.filter((area) => allowed.has(area));
}

/** Leaders read everything and change nothing; any other role they also hold grants write access. */
export function isReadOnly(roles: readonly string[]): boolean {
  return roles.length > 0 && roles.every((role) => role === 'leader');
}

export const areaPath = (area: Area): string => `/${area}`;
