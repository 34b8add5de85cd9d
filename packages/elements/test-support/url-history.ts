/**
 * For tests of elements that keep their view in the page's URL: puts the URL back after each test,
 * opens a test at a query string, and counts the history entries pushed. Counted as they are
 * pushed: `history.length` stops growing at the browser's cap (50 in Firefox), which a long test
 * run in one tab reaches. Call it at the top of a test file or inside a `describe`.
 */
export function urlHistory(): {
  openAt: (query: string) => void;
  params: () => URLSearchParams;
  pushed: () => number;
} {
  const original = location.href;
  const pushState = history.pushState;
  let pushed = 0;
  before(() => {
    history.pushState = function (...args: Parameters<History['pushState']>) {
      pushed++;
      return pushState.apply(this, args);
    };
  });
  after(() => {
    history.pushState = pushState;
  });
  afterEach(() => history.replaceState(null, '', original));
  return {
    openAt(query) {
      const url = new URL(original);
      for (const [name, value] of new URLSearchParams(query)) url.searchParams.append(name, value);
      history.replaceState(null, '', url);
    },
    params: () => new URLSearchParams(location.search),
    pushed: () => pushed,
  };
}
