// The Debian package tools of a node.
export { apt, aptGet } from './apt-get';
export { aptCache } from './apt-cache';
export { aptMark } from './apt-mark';
