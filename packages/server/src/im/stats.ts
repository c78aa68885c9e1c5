import { emptyStats, type GroupStats, type LiveGroup } from './live-group';
import { PRIORITIES } from './rate-limiter';

/** The server's IM figures (`GET /admin/stats`): connections, refusals, and every group's stats summed. */
export type ImTotals = {
  connections: number;
  users: number;
  rooms: number;
  liveRooms: number;
  malformedFrames: number;
  refusedConnections: number;
  loginTimeouts: number;
  slowConsumerCloses: number;
  requestsLimited: number;
} & GroupStats;

/** What the totals count outside the groups. */
export type ConnectionTotals = Omit<ImTotals, keyof GroupStats | 'liveRooms'>;

/** Sums every group's stats onto the connection figures. */
export function imTotals(connections: ConnectionTotals, groups: Iterable<LiveGroup>): ImTotals {
  const total: ImTotals = {
    connections: connections.connections,
    users: connections.users,
    rooms: connections.rooms,
    liveRooms: 0,
    malformedFrames: connections.malformedFrames,
    refusedConnections: connections.refusedConnections,
    loginTimeouts: connections.loginTimeouts,
    slowConsumerCloses: connections.slowConsumerCloses,
    requestsLimited: connections.requestsLimited,
    ...emptyStats(),
  };
  for (const group of groups) {
    if (group.members.size > 0) total.liveRooms++;
    const { stats } = group;
    total.received += stats.received;
    total.delivered += stats.delivered;
    total.exempt += stats.exempt;
    total.tips += stats.tips;
    total.slowConsumerSkips += stats.slowConsumerSkips;
    total.frequencyLimited += stats.frequencyLimited;
    total.announced += stats.announced;
    total.announcementsMerged += stats.announcementsMerged;
    total.announcementsDropped += stats.announcementsDropped;
    total.flushes += stats.flushes;
    total.flushMsTotal += stats.flushMsTotal;
    total.flushMsMax = Math.max(total.flushMsMax, stats.flushMsMax);
    for (const p of PRIORITIES) total.dropped[p] += stats.dropped[p];
  }
  return total;
}
