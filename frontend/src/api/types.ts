import type { components } from './schema/auth';

type AuthSchemas = components['schemas'];

export type Me = AuthSchemas['Me'];
export type UserRead = AuthSchemas['UserRead'];
export type UnitRead = AuthSchemas['UnitRead'];
export type UnitKind = AuthSchemas['UnitBrief']['kind'];
