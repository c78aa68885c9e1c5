import type { NewGoods } from './merchant-store';

/**
 * Demo goods whose pictures are small SVGs served by the merchant module itself, so the demo
 * shows real product cards with no network. Fixed ids make seeding idempotent.
 */

interface DemoItem {
  goods: Required<Pick<NewGoods, 'id' | 'title' | 'price' | 'stock'>> & { originalPrice: number };
  colors: [string, string];
  art: string;
}

const DEMO: DemoItem[] = [
  {
    goods: { id: 'demo-mug', title: 'Stoneware coffee mug, 350 ml', price: 3900, originalPrice: 5900, stock: 120 },
    colors: ['#ffb38a', '#ff6f61'],
    art: '<rect x="120" y="130" width="140" height="160" rx="18" fill="#fff7ef"/><path d="M260 170h24a36 36 0 0 1 0 72h-24" fill="none" stroke="#fff7ef" stroke-width="18"/><rect x="138" y="150" width="104" height="20" rx="10" fill="#ff8c6b" opacity=".5"/>',
  },
  {
    goods: {
      id: 'demo-earbuds',
      title: 'Wireless earbuds with charging case',
      price: 19900,
      originalPrice: 29900,
      stock: 60,
    },
    colors: ['#8ec5fc', '#5b6cff'],
    art: '<rect x="110" y="170" width="180" height="120" rx="56" fill="#f4f7ff"/><rect x="110" y="222" width="180" height="6" fill="#c9d3ff"/><circle cx="160" cy="200" r="16" fill="#5b6cff" opacity=".35"/><circle cx="240" cy="200" r="16" fill="#5b6cff" opacity=".35"/>',
  },
  {
    goods: { id: 'demo-tote', title: 'Linen tote bag', price: 5900, originalPrice: 7900, stock: 200 },
    colors: ['#d4fc79', '#53b987'],
    art: '<path d="M120 170h160l-14 150H134z" fill="#fbfff4"/><path d="M160 175v-30a40 40 0 0 1 80 0v30" fill="none" stroke="#fbfff4" stroke-width="14"/>',
  },
  {
    goods: { id: 'demo-tea', title: 'Matcha gift box, 12 sticks', price: 8800, originalPrice: 12800, stock: 80 },
    colors: ['#c2e59c', '#64b3f4'],
    art: '<rect x="110" y="150" width="180" height="150" rx="10" fill="#f7fff0"/><rect x="110" y="150" width="180" height="36" fill="#8bc34a"/><rect x="188" y="150" width="24" height="150" fill="#e53935" opacity=".8"/>',
  },
  {
    goods: { id: 'demo-lamp', title: 'Dimmable desk lamp', price: 12900, originalPrice: 16900, stock: 40 },
    colors: ['#fddb92', '#f6a21b'],
    art: '<path d="M150 140h100l30 70H120z" fill="#fffaf0"/><rect x="193" y="210" width="14" height="80" fill="#fffaf0"/><rect x="140" y="290" width="120" height="18" rx="9" fill="#fffaf0"/>',
  },
  {
    goods: { id: 'demo-sneakers', title: 'Everyday canvas sneakers', price: 15900, originalPrice: 19900, stock: 5 },
    colors: ['#f093fb', '#f5576c'],
    art: '<path d="M90 260c40-6 70-40 90-80 30 20 60 30 120 40 20 4 30 20 30 40v10H90z" fill="#fff5f8"/><rect x="90" y="270" width="240" height="20" rx="8" fill="#ffd1dc"/>',
  },
];

export function demoImageSvg(id: string): string | undefined {
  const item = DEMO.find((d) => d.goods.id === id);
  if (!item) return undefined;
  const [from, to] = item.colors;
  return `<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 400 400" width="400" height="400"><defs><linearGradient id="g" x1="0" y1="0" x2="1" y2="1"><stop offset="0" stop-color="${from}"/><stop offset="1" stop-color="${to}"/></linearGradient></defs><rect width="400" height="400" fill="url(#g)"/><ellipse cx="200" cy="318" rx="120" ry="14" fill="#000" opacity=".12"/>${item.art}</svg>`;
}

/** The demo goods, with image paths under `assetPrefix` (served by the module). */
export function demoGoods(assetPrefix: string): NewGoods[] {
  return DEMO.map((d, position) => ({ ...d.goods, image: `${assetPrefix}/${d.goods.id}.svg`, position }));
}
