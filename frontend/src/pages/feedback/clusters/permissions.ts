/**
 * Who may do what with 举一反三 clusters, mirroring feedback-api (`clusters/repository.py` READERS,
 * `clusters/service.py` allowed_actions). The API checks the same rules again; these only decide what the UI offers.
 */
import type { Me } from '../../../api/types';
import type { components } from '../../../api/schema/feedback';

export type ClusterRead = components['schemas']['ClusterRead'];
export type ClusterListItem = components['schemas']['ClusterListItem'];
export type ClusterStatus = ClusterRead['status'];
export type ClusterAction = 'confirm' | 'edit' | 'merge' | 'split' | 'add_cases' | 'remove_case' | 'dismiss' | 'create_task';

const has = (me: Me, roles: readonly string[]) => me.roles.some((role) => roles.includes(role));

/** Reads clusters: the reform office, city leaders and special groups (units get 403). */
export const seesClusters = (me: Me) => has(me, ['reform_office', 'leader', 'group_lead']);

/** Suggests, confirms, merges, splits, dismisses and turns clusters into tasks: the reform office only. */
export const decidesClusters = (me: Me) => has(me, ['reform_office']);

/** The actions the API's rule gives a cluster in this state (for the reform office). */
export function mirroredActions(cluster: Pick<ClusterRead, 'status' | 'task_code'>): ClusterAction[] {
  if (cluster.status !== 'suggested' && cluster.status !== 'confirmed') return [];
  const actions: ClusterAction[] = ['edit', 'merge', 'split', 'add_cases', 'remove_case'];
  if (cluster.status === 'suggested') actions.unshift('confirm');
  if (!cluster.task_code) {
    actions.push('dismiss');
    if (cluster.status === 'confirmed') actions.push('create_task');
  }
  return actions;
}

/** What the page offers: the mirrored rule for the office, narrowed to what the API lists for this caller now. */
export function clusterActions(me: Me, cluster: ClusterRead): Set<ClusterAction> {
  if (!decidesClusters(me)) return new Set();
  return new Set(mirroredActions(cluster).filter((action) => cluster.allowed_actions.includes(action)));
}
