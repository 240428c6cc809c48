// Plain Node, no dependency: the local stack runs it before `npm ci`.
const same = (a, b) => JSON.stringify(a) === JSON.stringify(b);

/**
 * The clients and users a realm change adds, when adding them is all it does (every other setting,
 * client and user unchanged); undefined otherwise.
 */
export function realmAdditions(before, after) {
  const { clients: clientsBefore = [], users: usersBefore = [], ...settingsBefore } = before;
  const { clients: clientsAfter = [], users: usersAfter = [], ...settingsAfter } = after;
  if (!same(settingsBefore, settingsAfter)) return undefined;
  const added = (list, previous, key) => {
    const known = new Map(previous.map((item) => [item[key], item]));
    if (previous.some((item) => !same(item, list.find((next) => next[key] === item[key])))) return undefined;
    return list.filter((item) => !known.has(item[key]));
  };
  const clients = added(clientsAfter, clientsBefore, 'clientId');
  const users = added(usersAfter, usersBefore, 'username');
  return clients === undefined || users === undefined ? undefined : { clients, users };
}
