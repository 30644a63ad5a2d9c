// Forwards an address from an earlier build of Trellis, which had a page per section
// (facilitate.html#/round/x/results, reports.html#/..., and so on), to the same route of
// the one app, keeping the query (such as ?embed=1) and the route. A file rather than an
// inline script, so the Content-Security-Policy needs no 'unsafe-inline'.
window.location.replace(`index.html${window.location.search}${window.location.hash}`);
