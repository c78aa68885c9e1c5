import { avatarInitial } from '@livesell/components';
import Taro from '@tarojs/taro';
import { api } from './http';

export interface DemoIdentity {
  userID: string;
  userSig: string;
  nick: string;
  avatar: string;
}

const NICKS = ['Mia', 'Leo', 'Ava', 'Kai', 'Zoe', 'Max', 'Ivy', 'Sam', 'Lin', 'Yu', 'Chen', 'Mei'];
const STORAGE_KEY = 'livesell:viewer';

/**
 * A small inline avatar so the demo shows faces with no network: the nickname's initial ("Ava 22" → "A",
 * the user ID's only when the nickname has none) on a colour fixed by the user ID.
 */
export function avatarFor(userID: string, nick?: string): string {
  let hash = 0;
  for (const ch of userID) hash = (hash * 31 + ch.charCodeAt(0)) >>> 0;
  // Dark enough for the white letter (>= 4.5:1).
  const hue = hash % 360;
  const letter = avatarInitial(nick, userID).replace(/[<>&'"]/g, '');
  const svg = `<svg xmlns="http://www.w3.org/2000/svg" width="64" height="64"><rect width="64" height="64" rx="32" fill="hsl(${hue},65%,34%)"/><text x="32" y="42" font-size="28" text-anchor="middle" fill="#fff" font-family="sans-serif">${letter}</text></svg>`;
  return `data:image/svg+xml;utf8,${encodeURIComponent(svg)}`;
}

/**
 * The demo signs users in with the dev-only `/v4/usersig` endpoint of the local server. A real app gets
 * the UserSig from its own backend, which alone holds the secret key.
 */
export async function signIn(userID: string, nick: string): Promise<DemoIdentity> {
  const { userSig } = await api<{ userSig: string }>(`/v4/usersig?userID=${encodeURIComponent(userID)}`);
  return { userID, userSig, nick, avatar: avatarFor(userID, nick) };
}

/** The viewer of this device: a stable random ID and a friendly nick, kept in storage. */
export async function viewerIdentity(override?: { userID?: string; nick?: string }): Promise<DemoIdentity> {
  if (override?.userID) return signIn(override.userID, override.nick ?? override.userID);
  let saved: { userID: string; nick: string } | undefined;
  try {
    const raw = Taro.getStorageSync(STORAGE_KEY);
    saved = raw ? (typeof raw === 'string' ? JSON.parse(raw) : raw) : undefined;
  } catch {
    saved = undefined;
  }
  if (!saved?.userID) {
    const n = Math.floor(Math.random() * 1e6);
    saved = { userID: `viewer_${n.toString(36)}`, nick: `${NICKS[n % NICKS.length]} ${n % 100}` };
    Taro.setStorageSync(STORAGE_KEY, JSON.stringify(saved));
  }
  return signIn(saved.userID, saved.nick);
}
