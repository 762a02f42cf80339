/**
 * Hostile article bodies. Each one, if it ever ran, would set `window.__xss` (or, inside a frame,
 * `parent.__xss`). Grouped by the trick they use; many are public bypasses of older sanitizers.
 */
export const xssPayloads: [name: string, body: string][] = [
  // Scripts and event handlers
  ['script element', '<script>window.__xss = 1</script>'],
  ['script split by a nested script', '<scr<script>ipt>window.__xss = 1</scr</script>ipt>'],
  ['img onerror', '<img src="/no-such-image.png" onerror="window.__xss = 1">'],
  ['img onerror without quotes', '<img src=x onerror=window.__xss=1>'],
  ['img with a slash before the handler', '<img src="x" / onerror="window.__xss = 1">'],
  ['image, parsed as img', '<image src="x" onerror="window.__xss = 1">'],
  ['body onload', '<body onload="window.__xss = 1"><p>x</p></body>'],
  ['frameset onload', '<frameset onload="window.__xss = 1"></frameset>'],
  ['details ontoggle', '<details open ontoggle="window.__xss = 1"><summary>x</summary></details>'],
  ['input autofocus onfocus', '<input autofocus onfocus="window.__xss = 1">'],
  ['div autofocus tabindex onfocus', '<div tabindex="0" autofocus onfocus="window.__xss = 1">x</div>'],
  ['marquee onstart', '<marquee onstart="window.__xss = 1">x</marquee>'],
  ['video onerror', '<video src="x" onerror="window.__xss = 1"></video>'],
  ['video source onerror', '<video><source src="x" onerror="window.__xss = 1"></video>'],
  ['audio onerror', '<audio src="x" onerror="window.__xss = 1"></audio>'],
  ['input type image onerror', '<input type="image" src="x" onerror="window.__xss = 1">'],
  ['mouse handler covering the page', '<div onmouseover="window.__xss = 1" onclick="window.__xss = 1">x</div>'],
  ['handler in a broken attribute', '<img """><script>window.__xss = 1</script>">'],
  ['comment breakout', '<!--<img src="--><img src=x onerror=window.__xss=1//">'],

  // javascript:, data: and other schemes in every attribute that takes a URL
  ['a href javascript', '<a href="javascript:window.__xss = 1">link</a>'],
  ['a href mixed case', '<a href="JaVaScRiPt:window.__xss = 1">link</a>'],
  ['a href with entity-encoded j', '<a href="&#106;avascript:window.__xss = 1">link</a>'],
  ['a href with a tab inside the scheme', '<a href="java&#x09;script:window.__xss = 1">link</a>'],
  ['a href with leading control characters', '<a href="&#14; &#1; javascript:window.__xss = 1">link</a>'],
  ['a href with an encoded colon', '<a href="javascript&colon;window.__xss = 1">link</a>'],
  ['a href data html', '<a href="data:text/html;base64,PHNjcmlwdD5wYXJlbnQuX194c3M9MTwvc2NyaXB0Pg==">link</a>'],
  ['a href vbscript', '<a href="vbscript:msgbox(1)">link</a>'],
  ['area href javascript', '<map name="m"><area shape="rect" coords="0,0,10,10" href="javascript:window.__xss = 1" alt="x"></map>'],
  ['form action javascript', '<form action="javascript:window.__xss = 1"><button>Gửi</button></form>'],
  ['button formaction javascript', '<button formaction="javascript:window.__xss = 1">Gửi</button>'],
  ['isindex action', '<isindex action="javascript:window.__xss = 1" type="image">'],
  ['img src javascript', '<img src="javascript:window.__xss = 1">'],
  ['img src data svg', '<img src="data:image/svg+xml,&lt;svg onload=&quot;parent.__xss=1&quot;&gt;">'],
  ['img srcset javascript candidate', '<img src="/a.png" srcset="/a.png 1x, javascript:window.__xss=1 2x">'],
  ['img srcset data candidate', '<img srcset="data:image/svg+xml;base64,PHN2Zz48L3N2Zz4= 1x">'],
  ['img longdesc and usemap', '<img src="/a.png" longdesc="javascript:window.__xss = 1" usemap="javascript:x">'],
  ['video poster javascript', '<video poster="javascript:window.__xss = 1"></video>'],
  ['blockquote cite javascript', '<blockquote cite="javascript:window.__xss = 1">x</blockquote>'],
  ['table background javascript', '<table background="javascript:window.__xss = 1"><tr><td>x</td></tr></table>'],
  ['a ping javascript', '<a href="https://thainguyen.gov.vn/" ping="javascript:window.__xss = 1">link</a>'],
  ['object data javascript', '<object data="javascript:window.__xss = 1"></object>'],
  ['object data html', '<object data="data:text/html,&lt;script&gt;parent.__xss=1&lt;/script&gt;"></object>'],
  ['embed src javascript', '<embed src="javascript:window.__xss = 1">'],
  ['embed src data', '<embed src="data:text/html;base64,PHNjcmlwdD5wYXJlbnQuX194c3M9MTwvc2NyaXB0Pg==">'],

  // Frames
  ['iframe src javascript', '<iframe src="javascript:parent.__xss = 1"></iframe>'],
  ['iframe srcdoc script', '<iframe srcdoc="<script>parent.__xss = 1</script>"></iframe>'],
  ['iframe srcdoc entity-encoded', '<iframe srcdoc="&lt;img src=x onerror=parent.__xss=1&gt;"></iframe>'],
  ['frame', '<frame src="javascript:parent.__xss = 1">'],

  // SVG tricks
  ['svg onload', '<svg onload="window.__xss = 1"></svg>'],
  ['svg script', '<svg><script>window.__xss = 1</script></svg>'],
  ['svg a xlink:href', '<svg><a xlink:href="javascript:window.__xss = 1"><text x="20" y="20">x</text></a></svg>'],
  ['svg animate onbegin', '<svg><animate onbegin="window.__xss = 1" attributeName="x" dur="1s"></animate></svg>'],
  ['svg animate href to javascript', '<svg><a><animate attributeName="href" values="javascript:window.__xss = 1"></animate><text x="20" y="20">x</text></a></svg>'],
  ['svg set handler', '<svg><set attributeName="onmouseover" to="window.__xss = 1"></set></svg>'],
  ['svg use data url', '<svg><use href="data:image/svg+xml,&lt;svg id=&quot;x&quot; xmlns=&quot;http://www.w3.org/2000/svg&quot;&gt;&lt;image href=&quot;1&quot; onerror=&quot;parent.__xss=1&quot;/&gt;&lt;/svg&gt;#x"></use></svg>'],
  ['svg foreignObject iframe', '<svg><foreignObject><iframe srcdoc="<script>parent.__xss = 1</script>"></iframe></foreignObject></svg>'],
  ['svg style namespace confusion', '<svg><style><img src=x onerror="window.__xss = 1"></style></svg>'],
  ['svg paragraph style breakout', '<svg></p><style><a id="</style><img src=1 onerror=window.__xss=1>">'],

  // MathML tricks
  ['math xlink:href', '<math><mi xlink:href="javascript:window.__xss = 1">x</mi></math>'],
  ['math href', '<math href="javascript:window.__xss = 1">x</math>'],
  ['math maction', '<math><maction actiontype="statusline" xlink:href="javascript:window.__xss = 1">x</maction></math>'],
  ['math mglyph style', '<math><mtext><table><mglyph><style><img src=x onerror="window.__xss = 1">'],
  ['math form mglyph mXSS', '<form><math><mtext></form><form><mglyph><style></math><img src onerror="window.__xss = 1">'],
  ['math option mglyph svg mXSS', '<math><mtext><option><FAKEFAKE><option></option><mglyph><svg><mtext><style><a title="</style><img src=\'#\' onerror=\'window.__xss=1\'>">'],

  // Raw-text breakouts
  ['noscript title breakout', '<noscript><p title="</noscript><img src=x onerror=window.__xss=1>">'],
  ['style breakout', '<style><img src=x onerror="window.__xss = 1"></style>'],
  ['title breakout', '<title><img src=x onerror="window.__xss = 1"></title>'],
  ['textarea breakout', '<textarea><img src=x onerror="window.__xss = 1"></textarea>'],
  ['xmp breakout', '<xmp><img src=x onerror="window.__xss = 1"></xmp>'],
  ['noembed breakout', '<noembed><img src=x onerror="window.__xss = 1"></noembed>'],
  ['template content', '<template><img src=x onerror="window.__xss = 1"></template>'],

  // Page-level elements
  ['base href javascript', '<base href="javascript:/x/"><a href="tin-tuc">link</a>'],
  ['base href elsewhere', '<base href="https://evil.example/"><a href="tin-tuc">link</a>'],
  ['meta refresh javascript', '<meta http-equiv="refresh" content="0;url=javascript:window.__xss = 1">'],
  ['meta csp', '<meta http-equiv="Content-Security-Policy" content="script-src * \'unsafe-inline\'">'],
  ['link stylesheet javascript', '<link rel="stylesheet" href="javascript:window.__xss = 1">'],
  ['link import data', '<link rel="import" href="data:text/html,&lt;script&gt;parent.__xss=1&lt;/script&gt;">'],
  ['slot revealing fallback content', '<slot name="fallback"></slot><slot></slot>'],

  // CSS
  ['style attribute url javascript', '<div style="background-image: url(javascript:window.__xss=1)">x</div>'],
  ['style attribute expression', '<div style="width: expression(window.__xss = 1)">x</div>'],
  ['style attribute behavior', '<p style="behavior: url(/x.htc); -moz-binding: url(/x.xml#x)">x</p>'],
  ['style element import javascript', '<style>@import "javascript:window.__xss=1";</style>'],
  ['style element url javascript', '<style>* { background: url("javascript:window.__xss=1") }</style><p>x</p>'],
  ['style overlay covering the page', '<div style="position: fixed; inset: 0; z-index: 99999">Phishing</div>'],

  // DOM clobbering
  ['id clobbering the canary', '<img id="__xss" src="/a.png"><a id="__xss" href="https://x.example/">x</a>'],
  ['form clobbering attributes', '<form id="test"><input name="attributes"><input name="nodeName"></form>'],
  ['name clobbering document', '<img name="cookie" src="/a.png"><img name="getElementById" src="/a.png">'],
];
