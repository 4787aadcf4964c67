import { useQuery } from '@tanstack/react-query';
import { feedbackApi } from '../../../api/http';
import type { components } from '../../../api/schema/feedback';
import { unwrap } from '../../../api/problem';
import { FEEDBACK_KEY, categoryTree, type TreeOption } from '../../../feedback/hooks';
import type { CategoryNode } from '../../../feedback/types';

export type Suggestions = components['schemas']['Suggestions'];
export type SimilarCase = components['schemas']['SimilarCase'];
export type KnowledgeSuggestions = components['schemas']['KnowledgeSuggestions'];
export type KnowledgeSuggestion = components['schemas']['KnowledgeSuggestion'];

/** The dispatch suggestions of a case; only for whoever may assign (anyone else gets 403). */
export function useSuggestions(caseNo: string, enabled: boolean) {
  return useQuery({
    queryKey: [FEEDBACK_KEY, 'suggestions', caseNo],
    enabled,
    queryFn: async (): Promise<Suggestions> =>
      unwrap(await feedbackApi.GET('/api/feedback/v1/cases/{case_no}/suggestions', { params: { path: { case_no: caseNo } } })),
  });
}

/** The published knowledge-base entries that match a case, and whether it may be answered directly. */
export function useKnowledgeSuggestions(caseNo: string) {
  return useQuery({
    queryKey: [FEEDBACK_KEY, 'knowledge-suggestions', caseNo],
    queryFn: async (): Promise<KnowledgeSuggestions> =>
      unwrap(
        await feedbackApi.GET('/api/feedback/v1/cases/{case_no}/knowledge-suggestions', { params: { path: { case_no: caseNo } } }),
      ),
  });
}

type LeafOption = TreeOption & { selectable: boolean; children?: LeafOption[] };

/** The category tree for choosing at dispatch: only active leaves can be picked (as the API accepts). */
export function leafCategoryTree(nodes: CategoryNode[] | undefined): LeafOption[] {
  const mark = (options: TreeOption[]): LeafOption[] =>
    options.map((option) => ({
      ...option,
      selectable: !option.children && !option.disabled,
      children: option.children ? mark(option.children) : undefined,
    }));
  return mark(categoryTree(nodes, true));
}

/** Category names by code, for the codes a recorded decision holds. */
export function categoryNames(nodes: CategoryNode[] | undefined): Map<string, string> {
  const names = new Map<string, string>();
  const walk = (list: CategoryNode[], parent?: string) =>
    list.forEach((node) => {
      names.set(node.code, parent ? `${parent} / ${node.name}` : node.name);
      walk(node.children ?? [], node.name);
    });
  walk(nodes ?? []);
  return names;
}
