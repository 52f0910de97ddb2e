/** The site's stylesheet and its one small script, inlined into the page (no network at view time). */
export const CSS = `
:root{--fg:#1f2328;--mute:#59636e;--line:#d1d9e0;--bg:#fff;--pass:#1a7f37;--fail:#cf222e;--flaky:#9a6700;--hl:#fff8c5}
*{box-sizing:border-box}body{font:14px/1.45 system-ui,-apple-system,"Segoe UI",sans-serif;color:var(--fg);background:var(--bg);margin:0}
header{padding:12px 20px;border-bottom:1px solid var(--line)}
header h1{font-size:18px;margin:0 0 4px}nav.sections a{margin-right:14px}
main{padding:0 20px 40px;max-width:1400px}section{margin-top:28px}h2{font-size:17px;border-bottom:1px solid var(--line);padding-bottom:4px}
table{border-collapse:collapse;margin:8px 0}th,td{border:1px solid var(--line);padding:3px 8px;text-align:left;vertical-align:top}th{background:#f6f8fa}
code,.sha,pre{font-family:ui-monospace,SFMono-Regular,Menlo,monospace;font-size:12px}
pre{background:#f6f8fa;border:1px solid var(--line);padding:8px;overflow:auto;max-height:320px;white-space:pre-wrap;word-break:break-all}
.pass{color:var(--pass)}.fail{color:var(--fail)}.flaky{color:var(--flaky)}.bisect{color:#8250df}.mute{color:var(--mute)}
td.changed{background:var(--hl);font-weight:600}
article.run{border:1px solid var(--line);border-radius:6px;padding:8px 12px;margin:10px 0}article.run h3{margin:0 0 4px;font-size:15px}
.pager{margin:6px 0}html.js [data-pager]:not(.paged)>:nth-child(n+21){display:none}.pager button{margin-right:6px}
svg text{font:12px system-ui,sans-serif;fill:var(--fg)}svg .axis{stroke:var(--mute)}
svg.graph .node rect{fill:#f6f8fa;stroke:#57606a}svg.graph .seam rect{fill:#ddf4ff;stroke:#0969da}svg.graph text{text-anchor:middle}
svg.graph .edge{fill:none;stroke:#8c959f;stroke-width:1.3}svg.graph .edge.seam{stroke-dasharray:4 3}svg.graph marker path{fill:#8c959f}
svg.chart{max-width:100%;height:auto}.suite-0{fill:#0969da}.suite-1{fill:#bf3989}.suite-2{fill:#1a7f37}.suite-3{fill:#9a6700}.suite-4{fill:#8250df}.suite-5{fill:#cf222e}
:target{outline:2px solid #0969da}
`;

/**
 * Runs first, in the head: marks the page as scripted so the CSS hides all but the first
 * page of each long list before it is laid out (the pager takes over once it has run).
 */
export const HEAD_SCRIPT = "document.documentElement.className='js'";

/**
 * Pages long lists (`data-pager="<size>"`: its children are the items) so a page of
 * 10,000 records stays responsive, and shows the page that holds `#run-…`/`#seam-…`
 * when the address names one. Without script every item is shown.
 */
export const SCRIPT = `
(function () {
  function setup(box) {
    var items = Array.prototype.slice.call(box.children);
    var size = Number(box.getAttribute('data-pager'));
    if (items.length <= size) return;
    var pages = Math.ceil(items.length / size);
    var nav = document.createElement('div');
    nav.className = 'pager';
    var prev = document.createElement('button');
    prev.type = 'button';
    prev.textContent = 'newer';
    var next = document.createElement('button');
    next.type = 'button';
    next.textContent = 'older';
    var label = document.createElement('span');
    nav.appendChild(prev);
    nav.appendChild(next);
    nav.appendChild(label);
    var host = box.tagName === 'TBODY' ? box.parentNode : box;
    host.parentNode.insertBefore(nav, host);
    var current = 0;
    function show(p) {
      current = Math.max(0, Math.min(pages - 1, p));
      for (var i = 0; i < items.length; i++) items[i].hidden = Math.floor(i / size) !== current;
      label.textContent = 'page ' + (current + 1) + ' of ' + pages + ' (' + items.length + ' in all)';
      prev.disabled = current === 0;
      next.disabled = current === pages - 1;
    }
    prev.onclick = function () { show(current - 1); };
    next.onclick = function () { show(current + 1); };
    box.className += ' paged';
    box.seamlineShow = function (item) { var i = items.indexOf(item); if (i >= 0) show(Math.floor(i / size)); };
    show(0);
  }
  function reveal() {
    var id = decodeURIComponent(location.hash.slice(1));
    var el = id && document.getElementById(id);
    if (!el) return;
    var item = el;
    while (item.parentElement && !item.parentElement.hasAttribute('data-pager')) item = item.parentElement;
    if (item.parentElement && item.parentElement.seamlineShow) {
      item.parentElement.seamlineShow(item);
      el.scrollIntoView();
    }
  }
  var boxes = document.querySelectorAll('[data-pager]');
  for (var i = 0; i < boxes.length; i++) setup(boxes[i]);
  reveal();
  window.addEventListener('hashchange', reveal);
})();
`;
