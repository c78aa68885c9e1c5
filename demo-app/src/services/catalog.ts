import type { GiftItem } from '@livesell/components';

function icon(body: string, bg: string): string {
  const svg = `<svg xmlns="http://www.w3.org/2000/svg" width="96" height="96" viewBox="0 0 96 96"><circle cx="48" cy="48" r="46" fill="${bg}"/>${body}</svg>`;
  return `data:image/svg+xml;utf8,${encodeURIComponent(svg)}`;
}

/** The demo's gift catalogue; icons are inline so the demo needs no network. */
export const GIFTS: GiftItem[] = [
  {
    id: 'rose',
    name: 'Rose',
    price: 100,
    icon: icon(
      '<path d="M48 70V44" stroke="#2e7d32" stroke-width="5"/><circle cx="48" cy="36" r="16" fill="#e53935"/>',
      '#ffe3e6',
    ),
  },
  {
    id: 'tea',
    name: 'Milk tea',
    price: 600,
    icon: icon(
      '<rect x="32" y="28" width="32" height="44" rx="6" fill="#c58b5a"/><rect x="46" y="16" width="4" height="18" fill="#333"/>',
      '#fff1de',
    ),
  },
  {
    id: 'heart',
    name: 'Big heart',
    price: 5200,
    icon: icon('<path d="M48 74 22 48a15 15 0 0 1 26-20 15 15 0 0 1 26 20z" fill="#ff3d71"/>', '#ffe0ea'),
  },
  {
    id: 'rocket',
    name: 'Rocket',
    price: 99900,
    big: true,
    icon: icon(
      '<path d="M48 14c12 10 16 26 12 44H36c-4-18 0-34 12-44z" fill="#5c6bc0"/><circle cx="48" cy="36" r="6" fill="#fff"/><path d="M40 60h16l-8 18z" fill="#ff9800"/>',
      '#e3e7ff',
    ),
  },
];
