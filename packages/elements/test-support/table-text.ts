/** The text of a node as a user reads it, its pieces apart (a value and its note are two lines). */
export function textOf(node: Element): string {
  const walker = document.createTreeWalker(node, NodeFilter.SHOW_TEXT);
  const pieces: string[] = [];
  while (walker.nextNode()) pieces.push(walker.currentNode.textContent!);
  return pieces.join(' ').replace(/\s+/g, ' ').trim();
}

/** A table's rows, each as the texts of its cells. */
export function rowsOf(table: Element | null): string[][] {
  return table ? [...table.querySelectorAll('tr')].map((row) => [...row.children].map(textOf)) : [];
}
