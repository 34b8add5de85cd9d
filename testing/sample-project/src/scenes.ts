import { box, Canvas, circle, ellipse, mix, polygon, random, smoothstep, type RGB } from './canvas.js';

/**
 * What the imaginary model gets right so far. `detail` (0..1) fades in fine features; `offset`
 * and `scale` say how far each part still is from where the prompt wants it.
 */
export interface Look {
  detail: number;
  offset(part: number): readonly [number, number];
  scale(part: number): number;
}

/** Paints one prompt's subject on a 128×128-unit canvas (of any pixel size), as well as the look allows. */
export type Scene = (canvas: Canvas, look: Look) => void;

const S = 128;

/** Fine-detail weight: 0 until the model starts to get detail, then up to 1. */
const fine = (look: Look, from = 0) => smoothstep(from, 1, look.detail);

export const redApple: Scene = (c, look) => {
  const [ax, ay] = look.offset(0);
  const r = 30 * look.scale(0);
  c.fill((x, y) => (y < 74 ? mix([0.93, 0.86, 0.74], [0.82, 0.72, 0.58], y / 74) : [0.55, 0.34, 0.18]));
  const grain = fine(look, 0.2);
  if (grain > 0) {
    c.shape(
      box(0, 74, S, S),
      (x, y) => {
        const wave = Math.sin(y * 0.9 + Math.sin(x * 0.07) * 2.5) * 0.5 + 0.5;
        return mix([0.55, 0.34, 0.18], [0.42, 0.24, 0.11], wave * 0.8);
      },
      grain,
    );
    for (const plank of [96, 116]) c.shape(box(0, plank, S, plank + 1.2), [0.3, 0.17, 0.08], grain);
  }
  c.shape(ellipse(64 + ax + 8, 100 + ay * 0.3, r * 1.1, 7), [0.3, 0.18, 0.09], 0.6);
  c.shape(circle(64 + ax, 74 + ay, r), (x, y) => {
    const light = Math.max(0, ((x - (64 + ax - 12)) * -0.5 + (y - (74 + ay - 14)) * -0.5) / r + 0.5);
    return mix([0.45, 0.03, 0.05], [0.88, 0.12, 0.1], Math.min(1, light));
  });
  c.shape(circle(52 + ax, 62 + ay, 5 * look.scale(1)), [1, 0.93, 0.9], 0.8 * fine(look, 0.4));
  c.shape(box(62 + ax, 38 + ay, 66 + ax, 48 + ay, 1), [0.35, 0.22, 0.1], fine(look, 0.1));
  c.shape(ellipse(74 + ax, 42 + ay, 9, 4), [0.25, 0.6, 0.2], fine(look, 0.3));
};

export const lighthouse: Scene = (c, look) => {
  const [tx, ty] = look.offset(0);
  const [sx, sy] = look.offset(1);
  c.fill((x, y) =>
    y < 82
      ? mix([0.28, 0.16, 0.45], [1, 0.56, 0.24], y / 82)
      : mix([0.12, 0.2, 0.38], [0.05, 0.1, 0.22], (y - 82) / 46),
  );
  c.shape(circle(92 + sx, 80 + sy, 13 * look.scale(1)), [1, 0.8, 0.35]);
  c.shape(box(0, 82, S, S), (x, y) => mix([0.12, 0.2, 0.38], [0.05, 0.1, 0.22], (y - 82) / 46));
  const glitter = fine(look, 0.3);
  for (let i = 0; i < 6; i++) {
    const y = 86 + i * 6;
    c.shape(box(86 + sx - 10 + i, y, 98 + sx + 10 - i, y + 1.5, 0.7), [1, 0.7, 0.35], glitter * (1 - i / 7));
  }
  c.shape(
    polygon([
      [0, 70],
      [40, 78],
      [56, 100],
      [58, S],
      [0, S],
    ]),
    [0.1, 0.08, 0.1],
  );
  const base = 78 + ty;
  const h = 46 * look.scale(0);
  c.shape(
    polygon([
      [22 + tx, base],
      [36 + tx, base],
      [33 + tx, base - h],
      [25 + tx, base - h],
    ]),
    [0.95, 0.93, 0.9],
  );
  const stripes = fine(look, 0.15);
  for (let k = 1; k <= 3; k += 2) {
    const y0 = base - (h * k) / 4;
    c.shape(
      polygon([
        [21 + tx, y0],
        [37 + tx, y0],
        [37 + tx, y0 - h / 4],
        [21 + tx, y0 - h / 4],
      ]),
      [0.8, 0.1, 0.12],
      stripes,
    );
  }
  c.shape(box(24 + tx, base - h - 8, 34 + tx, base - h, 1), [1, 0.9, 0.4]);
  c.shape(
    polygon([
      [34 + tx, base - h - 5],
      [128, base - h - 22],
      [128, base - h + 10],
    ]),
    [1, 0.95, 0.6],
    0.35 * fine(look, 0.5),
  );
};

export const origamiCrane: Scene = (c, look) => {
  const [dx, dy] = look.offset(0);
  const k = look.scale(0);
  const paper = fine(look, 0.4);
  c.fill((x, y) => mix([0.93, 0.93, 0.9], [0.88, 0.88, 0.85], paper * (Math.sin((x + y) * 0.8) * 0.5 + 0.5)));
  const p = (x: number, y: number) => [64 + (x - 64) * k + dx, 70 + (y - 70) * k + dy] as const;
  c.shape(ellipse(64 + dx, 104 + dy * 0.2, 34 * k, 5), [0.7, 0.7, 0.68], 0.7);
  const parts: [readonly (readonly [number, number])[], RGB][] = [
    [
      [p(46, 82), p(64, 74), p(84, 82), p(64, 96)],
      [0.1, 0.3, 0.65],
    ], // body
    [
      [p(50, 80), p(26, 34), p(66, 76)],
      [0.22, 0.48, 0.88],
    ], // far wing
    [
      [p(62, 78), p(100, 28), p(80, 82)],
      [0.16, 0.4, 0.8],
    ], // near wing
    [
      [p(48, 84), p(26, 60), p(32, 60), p(52, 82)],
      [0.12, 0.33, 0.7],
    ], // neck
    [
      [p(82, 84), p(108, 60), p(102, 60), p(78, 80)],
      [0.12, 0.33, 0.7],
    ], // tail
  ];
  for (const [points, color] of parts) c.shape(polygon(points), color);
  c.shape(polygon([p(26, 60), p(18, 66), p(32, 60)]), [0.08, 0.25, 0.55], fine(look, 0.2)); // head
  const folds = fine(look, 0.5);
  for (const [a, b] of [
    [p(46, 82), p(84, 82)],
    [p(58, 78), p(38, 52)],
    [p(70, 79), p(90, 50)],
  ] as const) {
    const [ax, ay] = a;
    const [bx, by] = b;
    const nx = -(by - ay);
    const ny = bx - ax;
    const len = Math.hypot(nx, ny);
    const w = 0.6 / len;
    c.shape(
      polygon([
        [ax + nx * w, ay + ny * w],
        [bx + nx * w, by + ny * w],
        [bx - nx * w, by - ny * w],
        [ax - nx * w, ay - ny * w],
      ]),
      [0.05, 0.15, 0.35],
      folds,
    );
  }
};

export const sunflowers: Scene = (c, look) => {
  const stars = random(7);
  c.fill((x, y) =>
    y < 70
      ? mix([0.03, 0.05, 0.2], [0.12, 0.18, 0.42], y / 70)
      : mix([0.2, 0.42, 0.12], [0.1, 0.26, 0.06], (y - 70) / 58),
  );
  const twinkle = fine(look, 0.25);
  for (let i = 0; i < 40; i++) {
    const [x, y, r] = [stars() * S, stars() * 64, 0.6 + stars() * 0.9];
    c.shape(circle(x, y, r), [1, 1, 0.85], twinkle * smoothstep(i / 40, i / 40 + 0.2, look.detail));
  }
  const [mx, my] = look.offset(3);
  c.shape(circle(100 + mx, 20 + my, 9), [0.98, 0.95, 0.75]);
  c.shape(circle(104 + mx, 17 + my, 8), [0.03, 0.05, 0.2], fine(look, 0.2));
  const flowers: [number, number, number][] = [
    [24, 88, 12],
    [60, 80, 14],
    [98, 90, 12],
    [42, 110, 10],
    [84, 112, 11],
  ];
  flowers.forEach(([fx, fy, r], i) => {
    const [dx, dy] = look.offset(i + 4);
    const cx = fx + dx;
    const cy = fy + dy;
    const radius = r * look.scale(i);
    c.shape(box(cx - 1, cy, cx + 1, S, 0.5), [0.15, 0.45, 0.1]);
    const petals = fine(look, 0.3);
    c.shape(
      (x, y) => {
        const angle = Math.atan2(y - cy, x - cx);
        return Math.hypot(x - cx, y - cy) - radius * (1 + 0.22 * petals * Math.cos(angle * 12));
      },
      [0.98, 0.78, 0.1],
    );
    c.shape(circle(cx, cy, radius * 0.42), [0.35, 0.2, 0.06], 0.5 + 0.5 * fine(look, 0.1));
  });
};

export const snowyVillage: Scene = (c, look) => {
  c.fill((x, y) => (y < 76 ? mix([0.62, 0.74, 0.9], [0.9, 0.8, 0.78], y / 76) : [0.92, 0.94, 0.97]));
  const mountains: [number, number, number][] = [
    [30, 30, 44],
    [78, 18, 52],
    [116, 34, 40],
  ];
  mountains.forEach(([mx, top, half], i) => {
    const [dx, dy] = look.offset(i);
    const peak = [mx + dx, top + dy] as const;
    c.shape(polygon([peak, [mx + dx + half, 80], [mx + dx - half, 80]]), [0.42, 0.45, 0.55]);
    const capH = 16;
    const w = (half * capH) / (80 - top);
    c.shape(
      polygon([peak, [peak[0] + w, peak[1] + capH], [peak[0] - w, peak[1] + capH]]),
      [0.97, 0.97, 1],
      0.4 + 0.6 * fine(look, 0.1),
    );
  });
  c.shape(box(0, 76, S, S), [0.92, 0.94, 0.97]);
  const houses: [number, number][] = [
    [26, 96],
    [56, 102],
    [90, 94],
  ];
  houses.forEach(([hx, hy], i) => {
    const [dx, dy] = look.offset(i + 3);
    const x = hx + dx;
    const y = hy + dy;
    c.shape(box(x - 10, y - 8, x + 10, y + 10), [0.55, 0.35, 0.22]);
    c.shape(
      polygon([
        [x - 13, y - 7],
        [x + 13, y - 7],
        [x, y - 19],
      ]),
      [0.7, 0.15, 0.12],
    );
    c.shape(
      polygon([
        [x - 13, y - 7],
        [x + 13, y - 7],
        [x + 8, y - 10],
        [x - 8, y - 10],
      ]),
      [0.98, 0.98, 1],
      fine(look, 0.35),
    );
    c.shape(box(x - 6, y - 3, x - 1, y + 2), [1, 0.82, 0.35], fine(look, 0.45));
    c.shape(box(x + 2, y + 1, x + 7, y + 10), [0.3, 0.18, 0.1], fine(look, 0.3));
  });
};
