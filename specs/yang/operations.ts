/**
 * RESTCONF bodies (RFC 8040 §3.6: `{"input": {…}}` to `/operations/<module>:<rpc>`, `{"output": {…}}` back) in
 * the shape yanglint's `-t rpc` / `-t reply` read (libyang's `LYD_TYPE_RPC_YANG`: the operation as the top node,
 * its input or output members directly inside).
 */

/** `tapi-connectivity:create-connectivity-service`: a module-qualified operation name. */
export type OperationName = `${string}:${string}`;

export function rpcTree(operation: OperationName, body: unknown): unknown {
  return { [operation]: unwrap(operation, body, 'input') };
}

export function replyTree(operation: OperationName, body: unknown): unknown {
  return { [operation]: unwrap(operation, body, 'output') };
}

/** `{"input": x}` or `{"<module>:input": x}` → x; anything else is passed on as it is, for libyang to judge. */
function unwrap(operation: OperationName, body: unknown, member: 'input' | 'output'): unknown {
  if (!body || typeof body !== 'object' || Array.isArray(body)) return body;
  const keys = Object.keys(body);
  const module = operation.split(':')[0];
  if (keys.length === 1 && (keys[0] === member || keys[0] === `${module}:${member}`)) {
    return (body as Record<string, unknown>)[keys[0]];
  }
  return body;
}
