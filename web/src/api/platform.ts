import { useGet } from './queries';

// The reads of the platform beneath the capabilities: one's notifications, the users (keys made by
// queries.ts from the path: see there). The audit trail pages through useInfiniteQuery with keyOf.
export const useNotifications = () => useGet('/api/v1/notifications', { query: { limit: 20 } }, { refetchInterval: 60_000 });
export const useUsers = () => useGet('/api/v1/users');
