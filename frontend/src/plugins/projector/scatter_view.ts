// The projector's WebGL scatter plot (three.js): every point of the projection drawn as one
// gl.POINTS vertex, round or as its image from the sprite sheet; orbit (3D), pan and zoom with
// OrbitControls; hover and click picking; shift-drag box selection; HTML labels for the hovered
// point and up to 100 selected ones. Positions are centred and scaled into [-1, 1]. Renders on
// demand (after a change or a camera move), never in a loop. UI thread only.
import * as THREE from 'three';
import { OrbitControls } from 'three/examples/jsm/controls/OrbitControls.js';

const VERTEX = `
attribute vec3 color;
attribute float size;
attribute vec2 cell;
uniform float pixelRatio;
varying vec3 vColor;
varying vec2 vCell;
void main() {
  vColor = color;
  vCell = cell;
  gl_Position = projectionMatrix * modelViewMatrix * vec4(position, 1.0);
  gl_PointSize = size * pixelRatio;
}`;

const FRAGMENT = `
uniform sampler2D sprites;
uniform float useSprites;
uniform vec2 cellSize;
varying vec3 vColor;
varying vec2 vCell;
void main() {
  if (useSprites > 0.5) {
    vec2 uv = vCell + vec2(gl_PointCoord.x, 1.0 - gl_PointCoord.y) * cellSize;
    gl_FragColor = texture2D(sprites, uv);
    if (gl_FragColor.a < 0.05) discard;
    return;
  }
  vec2 d = gl_PointCoord - vec2(0.5);
  if (dot(d, d) > 0.25) discard;
  gl_FragColor = vec4(vColor, 1.0);
}`;

export interface ScatterEvents {
  hover(index: number | null): void;
  select(indices: number[], additive: boolean): void;
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
  private readonly labels: HTMLDivElement;
  private readonly box: HTMLDivElement;
  private rows = 0;
  private baseColors: Float32Array<ArrayBufferLike> = new Float32Array(0);
  private selected: number[] = [];
  private hovered: number | null = null;
  private labelOf: (i: number) => string = (i) => String(i);
  private pending = 0;
  /** Called after each frame with its duration (benchmarks). */
  onFrame: ((ms: number) => void) | null = null;

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
    this.renderer = new THREE.WebGLRenderer({ canvas: this.canvas, antialias: false, preserveDrawingBuffer: true });
    this.renderer.setPixelRatio(Math.min(window.devicePixelRatio, 2));
    this.camera = new THREE.PerspectiveCamera(45, 1, 0.01, 100);
    this.camera.position.set(0, 0, 3);
    this.controls = new OrbitControls(this.camera, this.canvas);
    this.controls.addEventListener('change', () => this.requestRender());
    this.material = new THREE.ShaderMaterial({
      vertexShader: VERTEX,
      fragmentShader: FRAGMENT,
      uniforms: {
        pixelRatio: { value: this.renderer.getPixelRatio() },
        sprites: { value: null },
        useSprites: { value: 0 },
        cellSize: { value: new THREE.Vector2(1, 1) },
      },
      transparent: false,
    });
    this.points = new THREE.Points(this.geometry, this.material);
    this.points.frustumCulled = false;
    this.scene.add(this.points);
    this.attachPointer();
    this.resize();
  }

  get pointCount(): number {
    return this.rows;
  }

  setBackground(dark: boolean): void {
    this.renderer.setClearColor(dark ? 0x1e1e1e : 0xffffff);
    this.requestRender();
  }

  /** Shows `rows` points at `positions` (rows × components, components 1–3). */
  setPositions(positions: Float32Array, rows: number, components: number): void {
    const xyz = new Float32Array(rows * 3);
    const used = Math.min(components, 3);
    const centre = [0, 0, 0];
    let radius = 0;
    for (let c = 0; c < used; c++) {
      let min = Infinity;
      let max = -Infinity;
      for (let r = 0; r < rows; r++) {
        const v = positions[r * components + c];
        if (Number.isFinite(v)) {
          if (v < min) min = v;
          if (v > max) max = v;
        }
      }
      centre[c] = min === Infinity ? 0 : (min + max) / 2;
      radius = Math.max(radius, min === Infinity ? 0 : (max - min) / 2);
    }
    const scale = radius > 0 ? 1 / radius : 1;
    for (let r = 0; r < rows; r++) {
      for (let c = 0; c < used; c++) {
        const v = positions[r * components + c];
        xyz[r * 3 + c] = Number.isFinite(v) ? (v - centre[c]) * scale : 0;
      }
    }
    const changedCount = rows !== this.rows;
    this.rows = rows;
    this.geometry.setAttribute('position', new THREE.BufferAttribute(xyz, 3));
    if (changedCount) {
      this.baseColors = new Float32Array(rows * 3).fill(0.25);
      this.geometry.setAttribute('color', new THREE.BufferAttribute(new Float32Array(this.baseColors), 3));
      this.geometry.setAttribute('size', new THREE.BufferAttribute(new Float32Array(rows), 1));
      this.geometry.setAttribute('cell', new THREE.BufferAttribute(new Float32Array(rows * 2), 2));
      this.selected = [];
      this.refreshStyle();
    }
    this.geometry.computeBoundingSphere();
    this.requestRender();
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

  /** Per-point colours, rows × 3 in [0, 1]. */
  setColors(colors: Float32Array<ArrayBufferLike>): void {
    this.baseColors = colors;
    this.refreshStyle();
  }

  setLabeler(label: (i: number) => string): void {
    this.labelOf = label;
    this.requestRender();
  }

  setSelection(indices: number[]): void {
    this.selected = indices;
    this.refreshStyle();
  }

  /** Draws each point as its image: cell i of a sheet of `perRow` columns of w × h images. */
  setSprites(image: HTMLImageElement | null, single: [number, number] | null): void {
    const uniforms = this.material.uniforms;
    if (!image || !single) {
      uniforms.useSprites.value = 0;
      this.refreshStyle();
      return;
    }
    const texture = new THREE.Texture(image);
    texture.needsUpdate = true;
    texture.flipY = false;
    texture.minFilter = THREE.LinearFilter;
    texture.generateMipmaps = false;
    const perRow = Math.max(1, Math.floor(image.width / single[0]));
    const cw = single[0] / image.width;
    const ch = single[1] / image.height;
    const cells = this.geometry.getAttribute('cell') as THREE.BufferAttribute | undefined;
    if (cells) {
      for (let i = 0; i < this.rows; i++) cells.setXY(i, (i % perRow) * cw, Math.floor(i / perRow) * ch);
      cells.needsUpdate = true;
    }
    uniforms.sprites.value = texture;
    uniforms.cellSize.value = new THREE.Vector2(cw, ch);
    uniforms.useSprites.value = 1;
    this.refreshStyle();
  }

  private refreshStyle(): void {
    const colors = this.geometry.getAttribute('color') as THREE.BufferAttribute | undefined;
    const sizes = this.geometry.getAttribute('size') as THREE.BufferAttribute | undefined;
    if (!colors || !sizes) return;
    const sprites = this.material.uniforms.useSprites.value > 0.5;
    const base = this.rows > 50000 ? 2 : this.rows > 5000 ? 3 : 5;
    const normal = sprites ? 16 : base;
    const array = colors.array as Float32Array;
    const size = sizes.array as Float32Array;
    const dimmed = this.selected.length > 0;
    for (let i = 0; i < this.rows; i++) {
      for (let c = 0; c < 3; c++) {
        const v = this.baseColors[i * 3 + c] ?? 0.25;
        array[i * 3 + c] = dimmed ? v * 0.35 + 0.6 : v;
      }
      size[i] = normal;
    }
    for (const i of this.selected) {
      if (i < 0 || i >= this.rows) continue;
      array[i * 3] = 0.9;
      array[i * 3 + 1] = 0.1;
      array[i * 3 + 2] = 0.1;
      size[i] = normal * 2;
    }
    colors.needsUpdate = true;
    sizes.needsUpdate = true;
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

  renderNow(): void {
    const started = performance.now();
    this.renderer.render(this.scene, this.camera);
    this.drawLabels();
    this.onFrame?.(performance.now() - started);
  }

  /** Rotates the camera about the target by `radians` (benchmarks and tests). */
  rotate(radians: number): void {
    const offset = this.camera.position.clone().sub(this.controls.target);
    offset.applyAxisAngle(new THREE.Vector3(0, 1, 0), radians);
    this.camera.position.copy(this.controls.target).add(offset);
    this.camera.lookAt(this.controls.target);
    this.controls.update();
  }

  /** Screen position (CSS pixels) of point i. */
  screenOf(i: number): { x: number; y: number } {
    const position = this.geometry.getAttribute('position') as THREE.BufferAttribute;
    const v = new THREE.Vector3(position.getX(i), position.getY(i), position.getZ(i)).project(this.camera);
    return { x: ((v.x + 1) / 2) * this.canvas.clientWidth, y: ((1 - v.y) / 2) * this.canvas.clientHeight };
  }

  private drawLabels(): void {
    const shown = this.selected.slice(0, 100);
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

  /** The point nearest to canvas position (x, y) within `radius` pixels, if any. */
  pick(x: number, y: number, radius = 8): number | null {
    const position = this.geometry.getAttribute('position') as THREE.BufferAttribute | undefined;
    if (!position) return null;
    const matrix = new THREE.Matrix4().multiplyMatrices(this.camera.projectionMatrix, this.camera.matrixWorldInverse);
    const e = matrix.elements;
    const w = this.canvas.clientWidth;
    const h = this.canvas.clientHeight;
    const xyz = position.array as Float32Array;
    let best: number | null = null;
    let bestD = radius * radius;
    for (let i = 0; i < this.rows; i++) {
      const px = xyz[3 * i];
      const py = xyz[3 * i + 1];
      const pz = xyz[3 * i + 2];
      const cw = e[3] * px + e[7] * py + e[11] * pz + e[15];
      if (cw <= 0) continue;
      const sx = (((e[0] * px + e[4] * py + e[8] * pz + e[12]) / cw + 1) / 2) * w;
      const sy = ((1 - (e[1] * px + e[5] * py + e[9] * pz + e[13]) / cw) / 2) * h;
      const d = (sx - x) * (sx - x) + (sy - y) * (sy - y);
      if (d < bestD) {
        bestD = d;
        best = i;
      }
    }
    return best;
  }

  /** Points whose screen positions fall in the rectangle. */
  pickBox(x0: number, y0: number, x1: number, y1: number): number[] {
    const out: number[] = [];
    const [minX, maxX] = [Math.min(x0, x1), Math.max(x0, x1)];
    const [minY, maxY] = [Math.min(y0, y1), Math.max(y0, y1)];
    for (let i = 0; i < this.rows; i++) {
      const { x, y } = this.screenOf(i);
      if (x >= minX && x <= maxX && y >= minY && y <= maxY) out.push(i);
    }
    return out;
  }

  private attachPointer(): void {
    let boxStart: { x: number; y: number } | null = null;
    let downAt: { x: number; y: number } | null = null;
    const local = (event: PointerEvent) => {
      const rect = this.canvas.getBoundingClientRect();
      return { x: event.clientX - rect.left, y: event.clientY - rect.top };
    };
    this.canvas.addEventListener('pointerdown', (event) => {
      downAt = local(event);
      if (event.shiftKey) {
        boxStart = downAt;
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
      if (boxStart) {
        this.box.style.display = 'none';
        this.controls.enabled = true;
        const start = boxStart;
        boxStart = null;
        if (Math.abs(p.x - start.x) > 3 || Math.abs(p.y - start.y) > 3) {
          this.events.select(this.pickBox(start.x, start.y, p.x, p.y), false);
          return;
        }
      }
      if (downAt && Math.abs(p.x - downAt.x) < 4 && Math.abs(p.y - downAt.y) < 4) {
        const hit = this.pick(p.x, p.y);
        this.events.select(hit === null ? [] : [hit], event.ctrlKey || event.metaKey);
      }
      downAt = null;
    });
  }

  destroy(): void {
    if (this.pending) cancelAnimationFrame(this.pending);
    this.controls.dispose();
    this.geometry.dispose();
    this.material.dispose();
    this.renderer.dispose();
    this.host.replaceChildren();
  }
}
