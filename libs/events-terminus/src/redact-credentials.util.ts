// Drivers usually keep passwords out of their errors, but a URL echoed back (a bad connection string, a DNS failure
// naming the host it was given) may carry them, and health responses are public.
const URL_CREDENTIALS = /\b([a-z][a-z0-9+.-]*:\/\/)[^\s/@]+@/gi;
// The value ends at whitespace or at what usually delimits it in a query string, a connection string or a sentence.
const KEY_VALUE_SECRET = /\b(password|passwd|pwd|secret|token)=[^\s&;,)'"]+/gi;

/** `text` with the user info of URLs and `password=`-style values replaced by `***`. */
export function redactCredentials(text: string): string {
  return text.replace(URL_CREDENTIALS, '$1***@').replace(KEY_VALUE_SECRET, '$1=***');
}
