import type { IncomingMessage } from 'node:http';
import { hasSessionCookie, parseCookieHeader } from './cookies';
import { HYDRATED_EVENT } from './hydrated-event';
import { ERROR_SHELL } from './not-found-page';
import { matchesPrefix } from './prefix';

/*
 * Citizens on weak lines and old phones. A citizen page's server-rendered HTML
 * is already the whole page: text, the map and the list of comuni as links,
 * forms that post without a script. React's runtime (about 130 KB brotli, then
 * seconds of an old phone's CPU to evaluate it and hydrate) is needed only by
 * the few controls that act in the browser: the player's button, the
 * transcript's times, sharing, the map's arrow keys, the list filter,
 * notifications. So a visitor without a session gets each page with Next.js's
 * script files made inert (their type changed, their preloads dropped) and a small
 * loader. The first time the visitor scrolls, moves the mouse, presses a key,
 * focuses or touches anything (except by tapping a link, with the mouse
 * events and focus a phone makes of that tap: that page comes whole anyway),
 * the loader brings the scripts back: they
 * arrive while the citizen reads, not before the page can be read. Once React
 * has hydrated (the layout's HydrationSignal tells
 * it), it presses again the script-only button that was pressed meanwhile and
 * lets the fields typed in meanwhile be read. A citizen who reads and follows
 * links never downloads the framework; Next.js has no switch for this in the
 * app router (its pages router's `unstable_runtimeJS` is gone), hence here.
 *
 * Mayors and staff (a session cookie) and the pages made for them get Next.js's
 * page as it is: their forms are scripts from the first second.
 */

/** The type inert scripts get: no browser runs it, the loader looks for it. */
export const INERT_SCRIPT_TYPE = 'text/x-after-interaction';

// Pages of signed-in work, and the sign-in form: these keep React from the start.
const FULL_SCRIPT_PREFIXES = ['/sindaco', '/staff', '/accedi', '/posta-demo'];

/** Whether this request's page is sent with its scripts after the first interaction. */
export function scriptsOnInteraction(req: IncomingMessage): boolean {
  // HEAD too: it shares the page cache's key with GET, and must not leave the page as Next.js made it there.
  if (req.method !== 'GET' && req.method !== 'HEAD') return false;
  if (FULL_SCRIPT_PREFIXES.some((prefix) => matchesPrefix(req.url, prefix))) return false;
  return !hasSessionCookie(parseCookieHeader(req.headers.cookie));
}

const SCRIPT = /<script\b([^>]*)>([\s\S]*?)<\/script>/gi;
const SCRIPT_PRELOAD = /<link\b(?=[^>]*\brel="(?:preload|modulepreload)")(?=[^>]*\bas="script")[^>]*>|<link\b(?=[^>]*\brel="modulepreload")[^>]*>/gi;
const SOURCE = /(?:^|\s)src\s*=/i;
const TYPE = /(?:^|\s)type\s*=\s*"([^"]*)"/i;
const TYPE_ATTRIBUTE = /\s+type\s*=\s*"[^"]*"/i;
const JAVASCRIPT = /^(?:text\/javascript|application\/javascript|module)?$/i;

/*
 * The loader, run once at the end of the page. Kept as plain ES5-era script
 * (old phones' browsers) and short: it is in every citizen page. `nonce` comes
 * from its own element, which the page's policy lets run. Revived scripts load
 * async, as Next.js marks them anyway. A press or a keystroke is kept for
 * after hydration only while React is not yet listening: once `hydrateRoot`
 * has put its listeners on the document (React marks it `_reactListening…`),
 * React itself hydrates what was pressed and runs the handler, and pressing
 * again would undo it (a player started, then paused).
 */
const LOADER = `(function(){
var d=document,w=window,nonce=d.currentScript.nonce,started=false,hydrated=false,pressed=null,typed=[],onLink=false;
var EVENTS=['pointerdown','touchstart','keydown','focusin','scroll','mousemove'];
function start(e){
if(started)return;
var link=!!(e.target.closest&&e.target.closest('a[href]'));
if(e.type==='pointerdown'||e.type==='touchstart'){onLink=link;if(link)return;}
if(onLink&&link&&(e.type==='mousemove'||e.type==='focusin'))return;
started=true;
EVENTS.forEach(function(t){d.removeEventListener(t,start,true);});
var inert=d.querySelectorAll('script[type="${INERT_SCRIPT_TYPE}"]');
for(var i=0;i<inert.length;i++){
var old=inert[i],s=d.createElement('script');
if(!nonce||old.nonce!==nonce||!old.src)continue;
for(var j=0;j<old.attributes.length;j++){var a=old.attributes[j];if(a.name!=='type'&&a.name!=='nonce')s.setAttribute(a.name,a.value);}
s.nonce=nonce;
old.parentNode.replaceChild(s,old);
}
}
EVENTS.forEach(function(t){d.addEventListener(t,start,true);});
function reactListens(){return Object.keys(d).some(function(k){return k.indexOf('_reactListening')===0;});}
d.addEventListener('click',function(e){
var b=!hydrated&&!reactListens()&&e.target.closest&&e.target.closest('button[type="button"]');
if(b)pressed=b;
},true);
d.addEventListener('input',function(e){if(!hydrated&&!reactListens()&&typed.indexOf(e.target)<0)typed.push(e.target);},true);
w.addEventListener('${HYDRATED_EVENT}',function(){
hydrated=true;
setTimeout(function(){
typed.forEach(function(f){if(f.isConnected)f.dispatchEvent(new Event('input',{bubbles:true}));});
if(pressed&&pressed.isConnected)pressed.click();
pressed=null;typed=[];
},0);
});
})();`;

/**
 * The page with Next.js's script files inert and their preloads dropped, and
 * the loader at the end of its body. Inline scripts and those that are not
 * JavaScript (structured data) are left as they are, and so are scripts without the page's nonce
 * (the policy refuses them; the loader must not revive them). `nonce` is the
 * page's: the loader carries it, and checks it on each script it revives.
 */
export function withScriptsOnInteraction(html: string, nonce: string): string {
  // Next.js's empty shell of an error page (not-found ones are replaced, see not-found-page.ts): without its
  // scripts there would be nothing to read.
  if (html.includes(ERROR_SHELL)) return html;
  let inert = 0;
  const body = html.replace(SCRIPT_PRELOAD, '').replace(SCRIPT, (whole: string, attributes: string, text: string) => {
    // Only Next.js's own files, which carry the page's nonce: a script injected without it must stay refused by
    // the policy. Inline scripts run as they come: they only queue the page's React payload (already downloaded)
    // or reveal content streamed after the shell, which must not wait.
    if (!SOURCE.test(attributes) || !attributes.includes(`nonce="${nonce}"`) || !JAVASCRIPT.test(TYPE.exec(attributes)?.[1] ?? '')) return whole;
    inert++;
    return `<script type="${INERT_SCRIPT_TYPE}"${attributes.replace(TYPE_ATTRIBUTE, '')}>${text}</script>`;
  });
  if (inert === 0) return html;
  const loader = `<script nonce="${nonce}">${LOADER}</script>`;
  const end = body.lastIndexOf('</body>');
  return end < 0 ? body + loader : body.slice(0, end) + loader + body.slice(end);
}
