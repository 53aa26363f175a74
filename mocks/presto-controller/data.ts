import { NotFound } from '../../runtime/server/errors';
import { renderContext } from './context';
import type { DataSegment } from './dialects';
import { asList, asObj, type Json } from './service';
import type { PrestoState } from './state';

/** The node of the `tapi-common:context` tree a data path names, wrapped in its RFC 7951 member name. */
export function pickData(state: PrestoState, path: DataSegment[]): Json {
  let node: unknown = renderContext(state)['tapi-common:context'];
  let parent = 'tapi-common';
  const where: string[] = ['tapi-common:context'];
  for (const seg of path.slice(1)) {
    const obj = asObj(node);
    const member = seg.module !== parent ? `${seg.module}:${seg.name}` : seg.name;
    const value = obj[member] ?? obj[seg.name] ?? obj[`${seg.module}:${seg.name}`];
    where.push(seg.keys.length ? `${seg.name}=${seg.keys.join(',')}` : seg.name);
    if (value === undefined) throw new NotFound(`no data node ${where.join('/')}`);
    if (seg.keys.length) {
      const entry = asList(value).find((e) => e.uuid === seg.keys[0] || e['local-id'] === seg.keys[0]);
      if (!entry) throw new NotFound(`no data node ${where.join('/')}`);
      node = [entry];
    } else node = value;
    if (seg !== path[path.length - 1] && Array.isArray(node)) node = node[0];
    parent = seg.module;
  }
  const last = path[path.length - 1];
  return path.length === 1 ? { 'tapi-common:context': node } : { [`${last.module}:${last.name}`]: node };
}
