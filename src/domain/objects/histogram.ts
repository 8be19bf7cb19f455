/** Equal-width bins over the values' range; each bin lists the indices of its values. */
export function histogram(values: number[], bins = 10): { edges: number[]; counts: number[]; members: number[][] } {
  if (!values.length) return { edges: [], counts: [], members: [] };
  let lo = Math.min(...values), hi = Math.max(...values);
  if (hi - lo < 1e-9) {
    lo -= 0.05;
    hi += 0.05;
  }
  const width = (hi - lo) / bins;
  const edges = Array.from({ length: bins + 1 }, (_, k) => lo + k * width);
  const members: number[][] = Array.from({ length: bins }, () => []);
  values.forEach((v, i) => members[Math.min(bins - 1, Math.floor((v - lo) / width))].push(i));
  return { edges, counts: members.map((m) => m.length), members };
}
