// The projector's WebGL scatter plot (three.js): every point of the projection drawn as one
// gl.POINTS vertex, round or as its image from the sprite sheet; orbit (3D), pan and zoom with
// OrbitControls; hover and click picking; rectangle (shift-drag, or the box mode) and lasso
// selection; HTML labels for the hovered point and up to 100 selected ones. Positions are centred
// and scaled into [-1, 1]. Renders on demand (after a change or a camera move), never in a loop.
// While the view moves (camera input, or moveNow() for an animating layout) frames draw a level
// of detail: a random subset sized to a frame budget (level_of_detail.ts) plus the selected and
// hovered points; once the camera's button is up and 150 ms have passed without a move, every point
// is drawn again (not while the button is held: a frame of every point can take most of a second
// without a GPU, and the drag would stall on it). Picking always searches every point. UI thread
// only.
import * as THREE from 'three';
import { OrbitControls } from 'three/examples/jsm/controls/OrbitControls.js';
import { MotionBudget, motionPrefix, randomOrder } from './level_of_detail';

// Every point shares one size (a uniform); colours are normalised bytes; the sprite cell of a point
// comes from its vertex index (WebGL 2), so a point costs 15 bytes of attributes. `dim` fades the
// points that are not selected: the selection is drawn on top by a second, small Points object.
const VERTEX = `
in vec3 color;
in float pointIndex;
uniform float pointSize;
uniform float useIndexAttribute;
uniform float perRow;
uniform vec2 cellSize;
out vec3 vColor;
out vec2 vCell;
void main() {
  vColor = color;
  float id = useIndexAttribute > 0.5 ? pointIndex : float(gl_VertexID);
  float row = floor(id / perRow);
  vCell = vec2((id - row * perRow) * cellSize.x, row * cellSize.y);
  gl_Position = projectionMatrix * modelViewMatrix * vec4(position, 1.0);
  gl_PointSize = pointSize;
}`;

const FRAGMENT = `
uniform sampler2D sprites;
uniform float useSprites;
uniform vec2 cellSize;
uniform float dim;
uniform vec3 tint;
uniform float useTint;
in vec3 vColor;
in vec2 vCell;
void main() {
  vec4 colour;
  if (useSprites > 0.5) {
    vec2 uv = vCell + vec2(gl_PointCoord.x, 1.0 - gl_PointCoord.y) * cellSize;
    colour = texture2D(sprites, uv);
    if (colour.a < 0.05) discard;
  } else {
    vec2 d = gl_PointCoord - vec2(0.5);
    if (dot(d, d) > 0.25) discard;
    colour = vec4(useTint > 0.5 ? tint : vColor, 1.0);
  }
  gl_FragColor = vec4(dim > 0.5 ? colour.rgb * 0.35 + 0.6 : colour.rgb, colour.a);
}`;

export interface ScatterEvents {
  hover(index: number | null): void;
  select(indices: number[], additive: boolean): void;
}

/** How a plain drag acts: orbit/pan the camera, or select points in a rectangle or a lasso. */
export type DragMode = 'camera' | 'box' | 'lasso';

const MAX_LABELS = 100;
/** Without input for this long, the view draws every point again. */
const IDLE_MS = 150;
/** The most points a moving frame draws (the size of the subset's buffers). */
const MAX_MOTION_POINTS = 1 << 18;

function pointSizeFor(rows: number, sprites: boolean): number {
  if (sprites) return 16;
  return rows > 50000 ? 2 : rows > 5000 ? 3 : 5;
}

/** Whether (x, y) lies inside the polygon (x0, y0, x1, y1, …), by the even–odd rule. */
export function insidePolygon(polygon: readonly number[], x: number, y: number): boolean {
  let inside = false;
  const n = polygon.length / 2;
  for (let i = 0, j = n - 1; i < n; j = i++) {
    const xi = polygon[2 * i];
    const yi = polygon[2 * i + 1];
    const xj = polygon[2 * j];
    const yj = polygon[2 * j + 1];
    if (yi > y !== yj > y && x < ((xj - xi) * (y - yi)) / (yj - yi) + xi) inside = !inside;
  }
  return inside;
}

export class ScatterView {
  readonly canvas: HTMLCanvasElement;
  private readonly renderer: THREE.WebGLRenderer;
  private readonly scene = new THREE.Scene();
  private readonly camera: THREE.PerspectiveCamera;
  private readonly controls: OrbitControls;
  private readonly geometry = new THREE.BufferGeometry();
  private readonly material: THREE.ShaderMaterial;
  private readonly points: THREE.Points;
  private readonly selectionGeometry = new THREE.BufferGeometry();
  private readonly selectionMaterial: THREE.ShaderMaterial;
  private readonly selectionPoints: THREE.Points;
  private readonly labels: HTMLDivElement;
  private readonly box: HTMLDivElement;
  private readonly lasso: SVGSVGElement;
  private rows = 0;
  /** rows × 3 positions in [-1, 1] (the GPU's copy). */
  private xyz = new Float32Array(0);
  private selected: number[] = [];
  private hovered: number | null = null;
  private labelOf: (i: number) => string = (i) => String(i);
  private pending = 0;
  private dragMode: DragMode = 'camera';
  /** Each point's cell in the sprite sheet when it is not the point's index (an isolated subset). */
  private spriteIds: Int32Array | null = null;
  /** Called after each frame with its duration and the points it drew (benchmarks, tests). */
  onFrame: ((ms: number, points: number, full: boolean) => void) | null = null;
  /** The moving frames' subset: a prefix of `order` (positions, colours and sprite cells gathered
   * into its own buffers, `motionFilled` of them current), and the pinned points drawn with it. */
  private readonly motionGeometry = new THREE.BufferGeometry();
  private readonly motionMaterial: THREE.ShaderMaterial;
  private readonly motionPoints: THREE.Points;
  private readonly pinnedGeometry = new THREE.BufferGeometry();
  private readonly pinnedPoints: THREE.Points;
  private order: Int32Array = new Int32Array(0);
  private motionFilled = 0;
  /** The pinned points' buffers hold `pinnedFor` (the selection and hovered point they were made for). */
  private pinnedFor: { selected: number[]; hovered: number | null } | null = null;
  /** Frames' time budget and the points that fit it; tests may replace it. */
  budget = new MotionBudget();
  /** Without input for this long (ms), every point is drawn again; tests may change it. */
  idleMs = IDLE_MS;
  private moving = false;
  /** A camera drag is under way (OrbitControls' start … end). */
  private dragging = false;
  private idleTimer = 0;
  /** Camera changes made by rotate() are not user input. */
  private quiet = false;

  constructor(
    private readonly host: HTMLElement,
    private readonly events: ScatterEvents,
  ) {
    this.canvas = document.createElement('canvas');
    this.canvas.className = 'projector-view__canvas';
    host.appendChild(this.canvas);
    this.labels = document.createElement('div');
    this.labels.className = 'projector-view__labels';
    host.appendChild(this.labels);
    this.box = document.createElement('div');
    this.box.className = 'projector-view__box';
    host.appendChild(this.box);
    this.lasso = document.createElementNS('http://www.w3.org/2000/svg', 'svg');
    this.lasso.setAttribute('class', 'projector-view__lasso');
    this.lasso.appendChild(document.createElementNS('http://www.w3.org/2000/svg', 'polygon'));
    host.appendChild(this.lasso);
    this.renderer = new THREE.WebGLRenderer({ canvas: this.canvas, antialias: false, preserveDrawingBuffer: true });
    this.renderer.setPixelRatio(Math.min(window.devicePixelRatio, 2));
    this.camera = new THREE.PerspectiveCamera(45, 1, 0.01, 100);
    this.camera.position.set(0, 0, 3);
    this.controls = new OrbitControls(this.camera, this.canvas);
    this.controls.addEventListener('change', () => (this.quiet ? this.requestRender() : this.moveNow()));
    this.controls.addEventListener('start', () => (this.dragging = true));
    this.controls.addEventListener('end', () => {
      this.dragging = false;
      if (this.moving) this.moveNow();
    });
    const uniforms = () => ({
      pointSize: { value: 5 },
      useIndexAttribute: { value: 0 },
      perRow: { value: 1 },
      sprites: { value: null },
      useSprites: { value: 0 },
      cellSize: { value: new THREE.Vector2(1, 1) },
      dim: { value: 0 },
      tint: { value: new THREE.Color(0.9, 0.1, 0.1) },
      useTint: { value: 0 },
    });
    this.material = new THREE.ShaderMaterial({ vertexShader: VERTEX, fragmentShader: FRAGMENT, uniforms: uniforms() });
    this.points = new THREE.Points(this.geometry, this.material);
    this.points.frustumCulled = false;
    this.scene.add(this.points);
    // The moving frames' points: the same program, the sprite cell from an attribute; uniforms
    // shared with the full set's material (size, dimming, sprites).
    this.motionMaterial = new THREE.ShaderMaterial({
      vertexShader: VERTEX,
      fragmentShader: FRAGMENT,
      uniforms: { ...this.material.uniforms, useIndexAttribute: { value: 1 } },
    });
    this.motionPoints = new THREE.Points(this.motionGeometry, this.motionMaterial);
    this.pinnedPoints = new THREE.Points(this.pinnedGeometry, this.motionMaterial);
    for (const object of [this.motionPoints, this.pinnedPoints]) {
      object.frustumCulled = false;
      object.visible = false;
      this.scene.add(object);
    }
    this.selectionMaterial = new THREE.ShaderMaterial({
      vertexShader: VERTEX,
      fragmentShader: FRAGMENT,
      uniforms: { ...uniforms(), useIndexAttribute: { value: 1 }, useTint: { value: 1 } },
      depthTest: false,
    });
    this.selectionPoints = new THREE.Points(this.selectionGeometry, this.selectionMaterial);
    this.selectionPoints.frustumCulled = false;
    this.selectionPoints.renderOrder = 1;
    this.scene.add(this.selectionPoints);
    this.attachPointer();
    this.resize();
    this.warmUp();
  }

  /** Draws one point outside the view with the points' program and attribute layout, so the shader
   * compilation (and, without a GPU, the software rasteriser's compilation of its draw routines)
   * happens while the data is still downloading rather than in the first frame of the points. */
  private warmUp(): void {
    // Both attribute layouts: the full set's, and the moving frames' (with the sprite cell), whose
    // first frame would otherwise pay the rasteriser's compilation in the middle of a drag.
    for (const geometry of [this.geometry, this.motionGeometry]) {
      geometry.setAttribute('position', new THREE.BufferAttribute(new Float32Array([0, 0, 10]), 3));
      geometry.setAttribute('color', new THREE.BufferAttribute(new Uint8Array(3), 3, true));
    }
    this.motionGeometry.setAttribute('pointIndex', new THREE.BufferAttribute(new Float32Array(1), 1));
    this.motionPoints.visible = true;
    // This frame replaces the one resize() asked for.
    if (this.pending) cancelAnimationFrame(this.pending);
    this.pending = 0;
    this.renderer.render(this.scene, this.camera);
    this.motionPoints.visible = false;
    for (const geometry of [this.geometry, this.motionGeometry]) {
      geometry.deleteAttribute('position');
      geometry.deleteAttribute('color');
    }
    this.motionGeometry.deleteAttribute('pointIndex');
  }

  get pointCount(): number {
    return this.rows;
  }

  setBackground(dark: boolean): void {
    this.renderer.setClearColor(dark ? 0x1e1e1e : 0xffffff);
    this.requestRender();
  }

  /** What a plain drag does; shift-drag always selects a rectangle. */
  setDragMode(mode: DragMode): void {
    this.dragMode = mode;
    this.canvas.style.cursor = mode === 'camera' ? '' : 'crosshair';
  }

  /** Shows `rows` points at `positions` (rows × components, components 1–3). */
  setPositions(positions: Float32Array, rows: number, components: number): void {
    const used = Math.min(components, 3);
    const centre = [0, 0, 0];
    let radius = 0;
    for (let c = 0; c < used; c++) {
      let min = Infinity;
      let max = -Infinity;
      for (let i = c; i < rows * components; i += components) {
        const v = positions[i];
        // NaN and ±Infinity fail v - v === 0.
        if (v - v === 0) {
          if (v < min) min = v;
          if (v > max) max = v;
        }
      }
      centre[c] = min === Infinity ? 0 : (min + max) / 2;
      radius = Math.max(radius, min === Infinity ? 0 : (max - min) / 2);
    }
    const scale = radius > 0 ? 1 / radius : 1;
    const changedCount = rows !== this.rows;
    if (this.xyz.length !== rows * 3) this.xyz = new Float32Array(rows * 3);
    const xyz = this.xyz;
    for (let c = 0; c < 3; c++) {
      const offset = c < used ? centre[c] : 0;
      for (let r = 0, i = c, o = c; r < rows; r++, i += components, o += 3) {
        const v = c < used ? positions[i] : 0;
        xyz[o] = v - v === 0 ? (v - offset) * scale : 0;
      }
    }
    this.rows = rows;
    this.motionFilled = 0;
    this.pinnedFor = null;
    const attribute = this.geometry.getAttribute('position') as THREE.BufferAttribute | undefined;
    if (attribute && attribute.array === xyz) attribute.needsUpdate = true;
    else this.geometry.setAttribute('position', new THREE.BufferAttribute(xyz, 3));
    if (changedCount) {
      // The subset's order and buffers are made when the page is idle, not in a drag's first frame.
      if (rows > this.budget.count) {
        const idle = window.requestIdleCallback ?? ((run: () => void) => window.setTimeout(run, 500));
        idle(() => this.rows === rows && this.prepareSubset());
      }
      const grey = new Uint8Array(rows * 3).fill(64);
      this.geometry.setAttribute('color', new THREE.BufferAttribute(grey, 3, true));
      this.selected = [];
    }
    this.refreshSelection();
  }

  setDimensions(dims: 2 | 3): void {
    this.controls.enableRotate = dims === 3;
    if (dims === 2) {
      this.camera.position.set(0, 0, 3);
      this.camera.up.set(0, 1, 0);
      this.controls.target.set(0, 0, 0);
      this.controls.update();
    }
    this.requestRender();
  }

  /** Per-point colours, rows × 3 bytes (0–255). */
  setColors(colors: Uint8Array): void {
    if (colors.length !== this.rows * 3) return;
    // The dashboard hands the same colours again with every new set of positions (each t-SNE
    // update): only new colours make a new attribute, and so a new upload to the GPU.
    if ((this.geometry.getAttribute('color') as THREE.BufferAttribute | undefined)?.array === colors) return;
    this.geometry.setAttribute('color', new THREE.BufferAttribute(colors, 3, true));
    this.motionFilled = 0;
    this.pinnedFor = null;
    this.requestRender();
  }

  setLabeler(label: (i: number) => string): void {
    this.labelOf = label;
    this.requestRender();
  }

  setSelection(indices: number[]): void {
    this.selected = indices;
    this.refreshSelection();
  }

  /** Point i's sprite is cell ids[i] (null: cell i). Call before setPositions. */
  setSpriteIndices(ids: Int32Array | null): void {
    if (ids === this.spriteIds) return;
    this.spriteIds = ids;
    if (ids) this.geometry.setAttribute('pointIndex', new THREE.BufferAttribute(Float32Array.from(ids), 1));
    else this.geometry.deleteAttribute('pointIndex');
    this.material.uniforms.useIndexAttribute.value = ids ? 1 : 0;
    this.motionFilled = 0;
    this.pinnedFor = null;
  }

  /** Draws each point as its image: cell i of a sheet of `perRow` columns of w × h images. */
  setSprites(image: HTMLImageElement | null, single: [number, number] | null): void {
    // One texture for both materials, so the sheet is uploaded to the GPU once.
    const texture = image && single ? new THREE.Texture(image) : null;
    if (texture) {
      texture.needsUpdate = true;
      texture.flipY = false;
      texture.minFilter = THREE.LinearFilter;
      texture.generateMipmaps = false;
    }
    // The moving frames' material shares the full set's uniform objects.
    for (const material of [this.material, this.selectionMaterial]) {
      const u = material.uniforms;
      if (!texture || !image || !single) {
        u.useSprites.value = 0;
        continue;
      }
      u.sprites.value = texture;
      u.perRow.value = Math.max(1, Math.floor(image.width / single[0]));
      u.cellSize.value = new THREE.Vector2(single[0] / image.width, single[1] / image.height);
      u.useSprites.value = 1;
    }
    this.refreshSelection();
  }

  /** The selection overlay: selected points (valid indices) drawn twice as large, on top. */
  private refreshSelection(): void {
    const sprites = this.material.uniforms.useSprites.value > 0.5;
    const size = pointSizeFor(this.rows, sprites) * this.renderer.getPixelRatio();
    const valid = this.selected.filter((i) => i >= 0 && i < this.rows);
    const xyz = new Float32Array(valid.length * 3);
    const index = new Float32Array(valid.length);
    valid.forEach((p, k) => {
      xyz.set(this.xyz.subarray(3 * p, 3 * p + 3), 3 * k);
      index[k] = this.spriteIds ? this.spriteIds[p] : p;
    });
    this.selectionGeometry.setAttribute('position', new THREE.BufferAttribute(xyz, 3));
    this.selectionGeometry.setAttribute('pointIndex', new THREE.BufferAttribute(index, 1));
    this.selectionGeometry.setAttribute('color', new THREE.BufferAttribute(new Uint8Array(valid.length * 3), 3, true));
    this.material.uniforms.pointSize.value = size;
    this.material.uniforms.dim.value = valid.length > 0 ? 1 : 0;
    this.selectionMaterial.uniforms.pointSize.value = size * 2;
    this.requestRender();
  }

  resize(): void {
    const width = Math.max(this.host.clientWidth, 100);
    const height = Math.max(this.host.clientHeight, 100);
    this.renderer.setSize(width, height, false);
    this.camera.aspect = width / height;
    this.camera.updateProjectionMatrix();
    this.requestRender();
  }

  requestRender(): void {
    if (this.pending) return;
    this.pending = requestAnimationFrame(() => {
      this.pending = 0;
      this.renderNow();
    });
  }

  /**
   * The view moves (camera input, a layout animating): frames draw the level of detail until
   * `idleMs` pass without another move and without a camera drag under way, then every point once.
   */
  moveNow(): void {
    this.moving = true;
    clearTimeout(this.idleTimer);
    this.idleTimer = window.setTimeout(() => {
      // A drag held still stays in motion; its end moves again (and so restarts this wait).
      if (this.dragging) return;
      this.moving = false;
      this.requestRender();
    }, this.idleMs);
    this.requestRender();
  }

  renderNow(): void {
    // A frame asked for before this one would draw the same scene again (a second full frame of a
    // million points costs as much as the first without a GPU).
    if (this.pending) cancelAnimationFrame(this.pending);
    this.pending = 0;
    const started = performance.now();
    const full = !this.moving || this.budget.count >= this.rows;
    const drawn = full ? this.showAll() : this.showSubset();
    this.renderer.render(this.scene, this.camera);
    this.drawLabels();
    this.onFrame?.(performance.now() - started, drawn, full);
    // The frame's cost as the page sees it: up to the next animation frame, which waits for the
    // browser to rasterise and present this one (without a GPU the main thread waits for it).
    if (drawn > 0) requestAnimationFrame(() => this.budget.observe(drawn, performance.now() - started));
  }

  /** Every point: the full set's object. */
  private showAll(): number {
    this.points.visible = true;
    this.motionPoints.visible = false;
    this.pinnedPoints.visible = false;
    return this.rows;
  }

  /** The level of detail (buffers filled as far as needed); returns the points it draws. */
  private showSubset(): number {
    const pinned = this.hovered === null ? this.selected : [...this.selected, this.hovered];
    const valid = pinned.filter((i) => i >= 0 && i < this.rows);
    const capacity = this.prepareSubset();
    const prefix = motionPrefix(capacity, this.budget.count, valid.length);
    if (prefix > this.motionFilled) {
      // Room to grow: the budget may rise by half again before the next gather.
      const to = Math.min(capacity, Math.max(prefix, Math.ceil(prefix * 1.5)));
      this.gather(this.motionGeometry, this.order.subarray(this.motionFilled, to), this.motionFilled);
      this.motionFilled = to;
    }
    this.motionGeometry.setDrawRange(0, prefix);
    if (!this.pinnedFor || this.pinnedFor.selected !== this.selected || this.pinnedFor.hovered !== this.hovered) {
      const ids = Int32Array.from(valid);
      for (const [name, size] of [['position', 3], ['color', 3], ['pointIndex', 1]] as const) {
        const array = name === 'color' ? new Uint8Array(ids.length * size) : new Float32Array(ids.length * size);
        this.pinnedGeometry.setAttribute(name, new THREE.BufferAttribute(array, size, name === 'color'));
      }
      this.gather(this.pinnedGeometry, ids, 0);
      this.pinnedFor = { selected: this.selected, hovered: this.hovered };
    }
    this.points.visible = false;
    this.motionPoints.visible = true;
    this.pinnedPoints.visible = valid.length > 0;
    return prefix + valid.length;
  }

  /** The subset's random order and buffers for the current point count (made once per count);
   * returns their capacity. */
  private prepareSubset(): number {
    const capacity = Math.min(this.rows, MAX_MOTION_POINTS);
    if (this.order.length !== capacity || this.motionGeometry.getAttribute('position')?.count !== capacity) {
      this.order = randomOrder(this.rows, capacity);
      this.motionGeometry.setAttribute('position', new THREE.BufferAttribute(new Float32Array(capacity * 3), 3));
      this.motionGeometry.setAttribute('color', new THREE.BufferAttribute(new Uint8Array(capacity * 3), 3, true));
      this.motionGeometry.setAttribute('pointIndex', new THREE.BufferAttribute(new Float32Array(capacity), 1));
      this.motionFilled = 0;
    }
    return capacity;
  }

  /** Copies the positions, colours and sprite cells of points `ids` into `geometry` from `at`. */
  private gather(geometry: THREE.BufferGeometry, ids: Int32Array, at: number): void {
    const position = geometry.getAttribute('position') as THREE.BufferAttribute;
    const color = geometry.getAttribute('color') as THREE.BufferAttribute;
    const cell = geometry.getAttribute('pointIndex') as THREE.BufferAttribute;
    const [xyz, rgb, cells] = [position.array as Float32Array, color.array as Uint8Array, cell.array as Float32Array];
    const colors = (this.geometry.getAttribute('color') as THREE.BufferAttribute).array as Uint8Array;
    for (let k = 0; k < ids.length; k++) {
      const p = ids[k];
      const o = at + k;
      xyz[3 * o] = this.xyz[3 * p];
      xyz[3 * o + 1] = this.xyz[3 * p + 1];
      xyz[3 * o + 2] = this.xyz[3 * p + 2];
      rgb[3 * o] = colors[3 * p];
      rgb[3 * o + 1] = colors[3 * p + 1];
      rgb[3 * o + 2] = colors[3 * p + 2];
      cells[o] = this.spriteIds ? this.spriteIds[p] : p;
    }
    for (const attribute of [position, color, cell]) {
      attribute.clearUpdateRanges();
      attribute.addUpdateRange(at * attribute.itemSize, ids.length * attribute.itemSize);
      attribute.needsUpdate = true;
    }
  }

  /** Rotates the camera about the target by `radians` (benchmarks and tests; not user input). */
  rotate(radians: number): void {
    const offset = this.camera.position.clone().sub(this.controls.target);
    offset.applyAxisAngle(new THREE.Vector3(0, 1, 0), radians);
    this.camera.position.copy(this.controls.target).add(offset);
    this.camera.lookAt(this.controls.target);
    this.quiet = true;
    this.controls.update();
    this.quiet = false;
  }

  /** Screen position (CSS pixels) of point i. */
  screenOf(i: number): { x: number; y: number } {
    const v = new THREE.Vector3(this.xyz[3 * i], this.xyz[3 * i + 1], this.xyz[3 * i + 2]).project(this.camera);
    return { x: ((v.x + 1) / 2) * this.canvas.clientWidth, y: ((1 - v.y) / 2) * this.canvas.clientHeight };
  }

  private drawLabels(): void {
    const shown = this.selected.slice(0, MAX_LABELS);
    if (this.hovered !== null && !shown.includes(this.hovered)) shown.push(this.hovered);
    const html: string[] = [];
    for (const i of shown) {
      if (i < 0 || i >= this.rows) continue;
      const { x, y } = this.screenOf(i);
      const text = this.labelOf(i).replace(/[&<>"]/g, (c) => `&#${c.charCodeAt(0)};`);
      html.push(`<span class="projector-view__label" style="left:${x + 6}px;top:${y - 8}px">${text}</span>`);
    }
    this.labels.innerHTML = html.join('');
  }

  /**
   * Calls `visit(i, x, y)` with the screen position (CSS pixels) of every point in front of the
   * camera; one pass with the view-projection matrix inlined.
   */
  private forEachOnScreen(visit: (i: number, x: number, y: number) => void): void {
    this.camera.updateMatrixWorld();
    const matrix = new THREE.Matrix4().multiplyMatrices(this.camera.projectionMatrix, this.camera.matrixWorldInverse);
    const e = matrix.elements;
    const w = this.canvas.clientWidth;
    const h = this.canvas.clientHeight;
    const xyz = this.xyz;
    for (let i = 0; i < this.rows; i++) {
      const px = xyz[3 * i];
      const py = xyz[3 * i + 1];
      const pz = xyz[3 * i + 2];
      const cw = e[3] * px + e[7] * py + e[11] * pz + e[15];
      if (cw <= 0) continue;
      const sx = (((e[0] * px + e[4] * py + e[8] * pz + e[12]) / cw + 1) / 2) * w;
      const sy = ((1 - (e[1] * px + e[5] * py + e[9] * pz + e[13]) / cw) / 2) * h;
      visit(i, sx, sy);
    }
  }

  /** The point nearest to canvas position (x, y) within `radius` pixels, if any. */
  pick(x: number, y: number, radius = 8): number | null {
    let best: number | null = null;
    let bestD = radius * radius;
    this.forEachOnScreen((i, sx, sy) => {
      const d = (sx - x) * (sx - x) + (sy - y) * (sy - y);
      if (d < bestD) {
        bestD = d;
        best = i;
      }
    });
    return best;
  }

  /** Points whose screen positions fall in the rectangle. */
  pickBox(x0: number, y0: number, x1: number, y1: number): number[] {
    const out: number[] = [];
    const [minX, maxX] = [Math.min(x0, x1), Math.max(x0, x1)];
    const [minY, maxY] = [Math.min(y0, y1), Math.max(y0, y1)];
    this.forEachOnScreen((i, x, y) => {
      if (x >= minX && x <= maxX && y >= minY && y <= maxY) out.push(i);
    });
    return out;
  }

  /** Points whose screen positions fall inside the polygon (x0, y0, x1, y1, … in CSS pixels). */
  pickPolygon(polygon: readonly number[]): number[] {
    if (polygon.length < 6) return [];
    let minX = Infinity;
    let minY = Infinity;
    let maxX = -Infinity;
    let maxY = -Infinity;
    for (let k = 0; k < polygon.length; k += 2) {
      minX = Math.min(minX, polygon[k]);
      maxX = Math.max(maxX, polygon[k]);
      minY = Math.min(minY, polygon[k + 1]);
      maxY = Math.max(maxY, polygon[k + 1]);
    }
    const out: number[] = [];
    this.forEachOnScreen((i, x, y) => {
      if (x >= minX && x <= maxX && y >= minY && y <= maxY && insidePolygon(polygon, x, y)) out.push(i);
    });
    return out;
  }

  private attachPointer(): void {
    let boxStart: { x: number; y: number } | null = null;
    let lasso: number[] | null = null;
    let downAt: { x: number; y: number } | null = null;
    const polygon = this.lasso.firstChild as SVGPolygonElement;
    const local = (event: PointerEvent) => {
      const rect = this.canvas.getBoundingClientRect();
      return { x: event.clientX - rect.left, y: event.clientY - rect.top };
    };
    this.canvas.addEventListener('pointerdown', (event) => {
      downAt = local(event);
      if (event.shiftKey || this.dragMode === 'box') {
        boxStart = downAt;
        this.controls.enabled = false;
      } else if (this.dragMode === 'lasso') {
        lasso = [downAt.x, downAt.y];
        this.controls.enabled = false;
      }
    });
    this.canvas.addEventListener('pointermove', (event) => {
      const p = local(event);
      if (boxStart) {
        Object.assign(this.box.style, {
          display: 'block',
          left: `${Math.min(boxStart.x, p.x)}px`,
          top: `${Math.min(boxStart.y, p.y)}px`,
          width: `${Math.abs(p.x - boxStart.x)}px`,
          height: `${Math.abs(p.y - boxStart.y)}px`,
        });
        return;
      }
      if (lasso) {
        // Every position the pointer passed, not just the last of a frame: Chromium coalesces the
        // moves of one frame into one event, and a busy page would otherwise cut the lasso's corners.
        const moves = event.getCoalescedEvents?.() ?? [];
        for (const move of moves.length > 0 ? moves : [event]) {
          const q = local(move);
          lasso.push(q.x, q.y);
        }
        polygon.setAttribute('points', lasso.join(' '));
        this.lasso.style.display = 'block';
        return;
      }
      if (event.buttons !== 0 || this.rows > 200000) return;
      const hit = this.pick(p.x, p.y);
      if (hit !== this.hovered) {
        this.hovered = hit;
        this.events.hover(hit);
        this.requestRender();
      }
    });
    this.canvas.addEventListener('pointerup', (event) => {
      const p = local(event);
      const additive = event.ctrlKey || event.metaKey;
      this.controls.enabled = true;
      if (boxStart) {
        this.box.style.display = 'none';
        const start = boxStart;
        boxStart = null;
        if (Math.abs(p.x - start.x) > 3 || Math.abs(p.y - start.y) > 3) {
          this.events.select(this.pickBox(start.x, start.y, p.x, p.y), additive);
          downAt = null;
          return;
        }
      }
      if (lasso) {
        const path = lasso;
        path.push(p.x, p.y);
        lasso = null;
        this.lasso.style.display = 'none';
        if (path.length >= 8) {
          this.events.select(this.pickPolygon(path), additive);
          downAt = null;
          return;
        }
      }
      if (downAt && Math.abs(p.x - downAt.x) < 4 && Math.abs(p.y - downAt.y) < 4) {
        const hit = this.pick(p.x, p.y);
        this.events.select(hit === null ? [] : [hit], additive);
      }
      downAt = null;
    });
  }

  destroy(): void {
    if (this.pending) cancelAnimationFrame(this.pending);
    clearTimeout(this.idleTimer);
    this.controls.dispose();
    this.geometry.dispose();
    this.selectionGeometry.dispose();
    this.motionGeometry.dispose();
    this.pinnedGeometry.dispose();
    this.motionMaterial.dispose();
    this.material.dispose();
    this.selectionMaterial.dispose();
    this.renderer.dispose();
    this.host.replaceChildren();
  }
}
