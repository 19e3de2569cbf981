/** Collapsing identical response patterns, so the E-step costs O(unique patterns). */

export interface ResponseData {
  persons: number;
  items: number;
  /** 0/1 responses, row-major; -1 = not answered (left out of the likelihood). */
  responses: Int8Array;
  /** Optional frequency of each row (for tables of patterns with counts). */
  weights?: Float64Array;
}

export interface PatternData {
  items: number;
  count: number;
  responses: Int8Array;
  freq: Float64Array;
  /** Items answered 1, per pattern: correctItems[correctStart[p] .. correctStart[p + 1]). */
  correctStart: Int32Array;
  correctItems: Int32Array;
  missingStart: Int32Array;
  missingItems: Int32Array;
  /** Pattern index of each input row. */
  patternOfRow: Int32Array;
  totalWeight: number;
}

export function collapsePatterns(data: ResponseData): PatternData {
  const J = data.items;
  const index = new Map<string, number>();
  const patternOfRow = new Int32Array(data.persons);
  const firstRow: number[] = [];
  const freq: number[] = [];
  const bytes = new Uint8Array(data.responses.buffer, data.responses.byteOffset, data.responses.length);
  const decoder = new TextDecoder('latin1');
  for (let p = 0; p < data.persons; p++) {
    const key = decoder.decode(bytes.subarray(p * J, (p + 1) * J));
    const w = data.weights ? data.weights[p] : 1;
    let k = index.get(key);
    if (k === undefined) {
      k = firstRow.length;
      index.set(key, k);
      firstRow.push(p);
      freq.push(0);
    }
    freq[k] += w;
    patternOfRow[p] = k;
  }
  const P = firstRow.length;
  const responses = new Int8Array(P * J);
  const correctStart = new Int32Array(P + 1);
  const missingStart = new Int32Array(P + 1);
  const correct: number[] = [];
  const missing: number[] = [];
  for (let k = 0; k < P; k++) {
    const row = firstRow[k];
    for (let j = 0; j < J; j++) {
      const v = data.responses[row * J + j];
      responses[k * J + j] = v;
      if (v === 1) correct.push(j);
      else if (v !== 0) missing.push(j);
    }
    correctStart[k + 1] = correct.length;
    missingStart[k + 1] = missing.length;
  }
  return {
    items: J,
    count: P,
    responses,
    freq: Float64Array.from(freq),
    correctStart,
    correctItems: Int32Array.from(correct),
    missingStart,
    missingItems: Int32Array.from(missing),
    patternOfRow,
    totalWeight: freq.reduce((a, b) => a + b, 0),
  };
}
