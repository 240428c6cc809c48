import type { BedAssignment, IsoDateTime } from '@guichet/contracts';

export interface AllocationIntern {
  readonly requestId: string;
  /** When the request joined the queue: the order of the first-come-first-served baseline. */
  readonly arrivedAt: IsoDateTime;
}

export interface AllocationHousing {
  readonly offerId: string;
  readonly beds: number;
}

/** A bed of this housing would suit this intern with this fit, in (0, 1]: housed is always better than not. */
export interface CandidateEdge {
  readonly requestId: string;
  readonly offerId: string;
  readonly fit: number;
}

export interface AllocationProblem {
  readonly interns: readonly AllocationIntern[];
  readonly housings: readonly AllocationHousing[];
  /** Sparse: only the pairs within reach (radius, dates, occupants), built by a spatial index. */
  readonly edges: readonly CandidateEdge[];
}

export interface Allocation {
  readonly assignments: readonly BedAssignment[];
  readonly unassignedRequestIds: readonly string[];
  readonly totalFit: number;
}

/** Fit is compared in thousandths, so costs are small integers and the optimum is exact. */
const FIT_SCALE = 1000;
const NO_BED_EXIT = -1;
const NOT_PLACED = -2;
const FREE_BED = -2;
const MOVE_OUT = -3;
const NO_PREDECESSOR = -4;

/**
 * Global allocation of a semester's internship beds: every waiting intern at once, maximising
 * first the number of interns housed, then the total fit.
 *
 * Why maximum fit and not a stable assignment (Gale–Shapley): housing providers do not rank
 * interns — who may stay is a yes/no condition already in the candidate edges — so the bed side has
 * no preferences to make a pair « block », and stability would protect nothing. What matters to
 * the desk is that nobody is left without a bed when some assignment houses everyone (stable or
 * greedy matchings can leave an intern out, see the tests), and then that beds are close and cheap.
 *
 * How: successive shortest augmenting paths with node potentials (the Jonker–Volgenant / min-cost
 * flow scheme) on the sparse bipartite graph intern → housing (capacity = beds), each intern also
 * having a private « no bed » exit costing more than any total of fits, which makes the
 * lexicographic objective exact. Interns are added in request-id order, heap ties break on node
 * index, so the result is deterministic. Each search stops as soon as the cheapest augmenting
 * path is found, and only touches edges within reach, which is what makes 10 000 interns over
 * 20 000 beds fit in a few seconds.
 */
export function allocateBeds(problem: AllocationProblem): Allocation {
  const graph = buildGraph(problem);
  const { internCount: n, housingCount: m, rowStart, edgeHousing, edgeCost, beds } = graph;
  const sink = n + m;
  const unassignedCost = FIT_SCALE * (n + 1);
  const potential = new Float64Array(n + m + 1);
  const dist = new Float64Array(n + m + 1).fill(Number.POSITIVE_INFINITY);
  const done = new Uint8Array(n + m + 1);
  const predNode = new Int32Array(n + m + 1);
  const predEdge = new Int32Array(n + m + 1);
  /** Edge each intern is placed on, or NO_BED_EXIT, or NOT_PLACED before its turn. */
  const placedEdge = new Int32Array(n).fill(NOT_PLACED);
  const occupants: number[][] = Array.from({ length: m }, () => []);
  const heap = new MinHeap();
  const touched: number[] = [];

  const relax = (node: number, d: number, from: number, edge: number) => {
    if (d < dist[node]!) {
      if (dist[node] === Number.POSITIVE_INFINITY) touched.push(node);
      dist[node] = d;
      predNode[node] = from;
      predEdge[node] = edge;
      heap.push(d, node);
    }
  };

  for (let start = 0; start < n; start += 1) {
    relax(start, 0, NO_PREDECESSOR, NO_PREDECESSOR);
    let target = Number.POSITIVE_INFINITY;
    const finalized: number[] = [];
    while (heap.size > 0) {
      const node = heap.popNode();
      if (done[node]) continue;
      done[node] = 1;
      finalized.push(node);
      const d = dist[node]!;
      if (node === sink) {
        target = d;
        break;
      }
      if (node < n) {
        const placed = placedEdge[node]!;
        const placedHousing = placed >= 0 ? edgeHousing[placed]! : -1;
        for (let e = rowStart[node]!; e < rowStart[node + 1]!; e += 1) {
          const h = edgeHousing[e]!;
          if (h === placedHousing) continue;
          relax(n + h, d + edgeCost[e]! + potential[node]! - potential[n + h]!, node, e);
        }
        if (placed !== NO_BED_EXIT) relax(sink, d + unassignedCost + potential[node]! - potential[sink]!, node, NO_BED_EXIT);
      } else {
        const h = node - n;
        const list = occupants[h]!;
        if (list.length < beds[h]!) relax(sink, d + potential[node]! - potential[sink]!, node, FREE_BED);
        for (const k of list) relax(k, d - edgeCost[placedEdge[k]!]! + potential[node]! - potential[k]!, node, MOVE_OUT);
      }
    }
    augment(start, sink, n, predNode, predEdge, placedEdge, edgeHousing, occupants);
    for (const node of finalized) {
      if (dist[node]! < target) potential[node] = potential[node]! + dist[node]! - target;
    }
    for (const node of touched) {
      dist[node] = Number.POSITIVE_INFINITY;
      done[node] = 0;
    }
    touched.length = 0;
    heap.clear();
  }
  return result(graph, placedEdge);
}

/**
 * Walks the shortest path back from the sink. Predecessors: a housing was reached from an intern
 * through an edge (that intern moves in); an intern was reached back from the housing it occupies
 * (it moves on); the sink from a housing with a free bed, or from an intern's « no bed » exit.
 */
function augment(
  start: number,
  sink: number,
  n: number,
  predNode: Int32Array,
  predEdge: Int32Array,
  placedEdge: Int32Array,
  edgeHousing: Int32Array,
  occupants: number[][],
): void {
  let node = predNode[sink]!;
  if (predEdge[sink] === NO_BED_EXIT) {
    leave(node, placedEdge, edgeHousing, occupants);
    placedEdge[node] = NO_BED_EXIT;
  }
  while (node !== start) {
    if (node >= n) {
      const entering = predNode[node]!;
      leave(entering, placedEdge, edgeHousing, occupants);
      placedEdge[entering] = predEdge[node]!;
      occupants[node - n]!.push(entering);
      node = entering;
    } else {
      node = predNode[node]!;
    }
  }
}

function leave(intern: number, placedEdge: Int32Array, edgeHousing: Int32Array, occupants: number[][]): void {
  const edge = placedEdge[intern]!;
  if (edge < 0) return;
  const list = occupants[edgeHousing[edge]!]!;
  list.splice(list.indexOf(intern), 1);
}

/**
 * First come, first served: interns in order of arrival (then request id) each take the
 * best-fitting bed still free among their candidates. The baseline the global allocation is
 * compared with.
 */
export function allocateBedsFirstComeFirstServed(problem: AllocationProblem): Allocation {
  const graph = buildGraph(problem);
  const { internCount: n, rowStart, edgeHousing, edgeFit, beds } = graph;
  const used = new Int32Array(graph.housingCount);
  const placedEdge = new Int32Array(n).fill(NO_BED_EXIT);
  const order = [...Array(n).keys()].sort((a, b) => {
    const ia = graph.interns[a]!;
    const ib = graph.interns[b]!;
    return ia.arrivedAt < ib.arrivedAt ? -1 : ia.arrivedAt > ib.arrivedAt ? 1 : ia.requestId < ib.requestId ? -1 : 1;
  });
  for (const intern of order) {
    let best = -1;
    for (let e = rowStart[intern]!; e < rowStart[intern + 1]!; e += 1) {
      const h = edgeHousing[e]!;
      if (used[h]! >= beds[h]!) continue;
      if (best === -1 || edgeFit[e]! > edgeFit[best]! || (edgeFit[e] === edgeFit[best] && h < edgeHousing[best]!)) best = e;
    }
    if (best !== -1) {
      placedEdge[intern] = best;
      used[edgeHousing[best]!] = used[edgeHousing[best]!]! + 1;
    }
  }
  return result(graph, placedEdge);
}

interface Graph {
  readonly interns: readonly AllocationIntern[];
  readonly housings: readonly AllocationHousing[];
  readonly internCount: number;
  readonly housingCount: number;
  /** Edges of intern i are rowStart[i] .. rowStart[i + 1] - 1, by housing index. */
  readonly rowStart: Int32Array;
  readonly edgeHousing: Int32Array;
  readonly edgeCost: Int32Array;
  readonly edgeFit: Float64Array;
  readonly beds: Int32Array;
}

/** Compact, id-sorted arrays: the same problem in any input order gives the same graph. */
function buildGraph(problem: AllocationProblem): Graph {
  const interns = [...problem.interns].sort((a, b) => (a.requestId < b.requestId ? -1 : a.requestId > b.requestId ? 1 : 0));
  const housings = [...problem.housings].sort((a, b) => (a.offerId < b.offerId ? -1 : a.offerId > b.offerId ? 1 : 0));
  const internIndex = new Map(interns.map((intern, i) => [intern.requestId, i]));
  const housingIndex = new Map(housings.map((housing, i) => [housing.offerId, i]));
  // Edges bucketed by intern (counting sort), then each intern's few sorted by housing and best fit
  // first: duplicate pairs keep their best fit.
  const edgeCount = problem.edges.length;
  const from = new Int32Array(edgeCount);
  const to = new Int32Array(edgeCount);
  const fits = new Float64Array(edgeCount);
  const perIntern = new Int32Array(interns.length + 1);
  let valid = 0;
  for (const edge of problem.edges) {
    const i = internIndex.get(edge.requestId);
    const h = housingIndex.get(edge.offerId);
    if (i === undefined || h === undefined || !(edge.fit > 0)) continue;
    from[valid] = i;
    to[valid] = h;
    fits[valid] = Math.min(1, edge.fit);
    perIntern[i + 1] = perIntern[i + 1]! + 1;
    valid += 1;
  }
  for (let i = 0; i < interns.length; i += 1) perIntern[i + 1] = perIntern[i + 1]! + perIntern[i]!;
  const slot = perIntern.slice(0, interns.length);
  const bucketed = new Int32Array(valid);
  for (let e = 0; e < valid; e += 1) {
    const i = from[e]!;
    bucketed[slot[i]!] = e;
    slot[i] = slot[i]! + 1;
  }
  const rowStart = new Int32Array(interns.length + 1);
  const kept: number[] = [];
  for (let i = 0; i < interns.length; i += 1) {
    const own = Array.from(bucketed.subarray(perIntern[i]!, perIntern[i + 1]!)).sort((a, b) => to[a]! - to[b]! || fits[b]! - fits[a]!);
    let previous = -1;
    for (const e of own) {
      if (to[e] === previous) continue;
      previous = to[e]!;
      kept.push(e);
    }
    rowStart[i + 1] = kept.length;
  }
  return {
    interns,
    housings,
    internCount: interns.length,
    housingCount: housings.length,
    rowStart,
    edgeHousing: Int32Array.from(kept, (e) => to[e]!),
    edgeCost: Int32Array.from(kept, (e) => Math.round((1 - fits[e]!) * FIT_SCALE)),
    edgeFit: Float64Array.from(kept, (e) => fits[e]!),
    beds: Int32Array.from(housings, (h) => Math.max(0, Math.floor(h.beds))),
  };
}

function result(graph: Graph, placedEdge: Int32Array): Allocation {
  const assignments: BedAssignment[] = [];
  const unassignedRequestIds: string[] = [];
  let totalFit = 0;
  graph.interns.forEach((intern, i) => {
    const edge = placedEdge[i]!;
    if (edge < 0) {
      unassignedRequestIds.push(intern.requestId);
      return;
    }
    const fit = graph.edgeFit[edge]!;
    totalFit += fit;
    assignments.push({ requestId: intern.requestId, offerId: graph.housings[graph.edgeHousing[edge]!]!.offerId, fit: Math.round(fit * 1000) / 1000 });
  });
  return { assignments, unassignedRequestIds, totalFit: Math.round(totalFit * 1000) / 1000 };
}

/** Binary min-heap of (key, node), ties on the smaller node: deterministic pop order. */
class MinHeap {
  private keys: number[] = [];
  private nodes: number[] = [];

  get size(): number {
    return this.keys.length;
  }

  clear(): void {
    this.keys.length = 0;
    this.nodes.length = 0;
  }

  push(key: number, node: number): void {
    this.keys.push(key);
    this.nodes.push(node);
    let i = this.keys.length - 1;
    while (i > 0) {
      const parent = (i - 1) >> 1;
      if (!this.less(i, parent)) break;
      this.swap(i, parent);
      i = parent;
    }
  }

  popNode(): number {
    const top = this.nodes[0]!;
    const lastKey = this.keys.pop()!;
    const lastNode = this.nodes.pop()!;
    if (this.keys.length > 0) {
      this.keys[0] = lastKey;
      this.nodes[0] = lastNode;
      let i = 0;
      for (;;) {
        const left = 2 * i + 1;
        const right = left + 1;
        let smallest = i;
        if (left < this.keys.length && this.less(left, smallest)) smallest = left;
        if (right < this.keys.length && this.less(right, smallest)) smallest = right;
        if (smallest === i) break;
        this.swap(i, smallest);
        i = smallest;
      }
    }
    return top;
  }

  private less(a: number, b: number): boolean {
    return this.keys[a]! < this.keys[b]! || (this.keys[a] === this.keys[b] && this.nodes[a]! < this.nodes[b]!);
  }

  private swap(a: number, b: number): void {
    const key = this.keys[a]!;
    this.keys[a] = this.keys[b]!;
    this.keys[b] = key;
    const node = this.nodes[a]!;
    this.nodes[a] = this.nodes[b]!;
    this.nodes[b] = node;
  }
}
