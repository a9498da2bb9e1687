// Each capability's pages, registered in one place (the UI side of "adding a capability").
import type { ReactElement } from 'react';

export interface ModuleRoute { path: string; element: ReactElement }
export const moduleRoutes: ModuleRoute[] = [];
