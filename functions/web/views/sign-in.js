// #/sign-in — in Development, pick one of the seeded users; elsewhere, the organisation's account signs people in.
import { ApiError, getJson, postJson } from '../api.js';
import { h, replaceChildren } from '../dom.js';
import { errorBox } from '../feedback.js';

export async function render(outlet, context) {
  const heading = h('h1', { tabindex: '-1', i18n: 'signIn.title' });
  let users;
  try {
    users = await getJson('/api/dev/users', { signal: context.signal });
  } catch (error) {
    if (error instanceof ApiError && error.status === 404) {
      replaceChildren(outlet, heading, organisationSignIn());
      return;
    }
    throw error;
  }

  const failure = h('div', { class: 'form-alert', 'aria-live': 'assertive' });
  const byAuthority = new Map();
  for (const user of users) {
    byAuthority.set(user.authorityId, [...(byAuthority.get(user.authorityId) ?? []), user]);
  }

  const groups = [...byAuthority].map(([authorityId, members]) => h('section', { class: 'card' },
    // Authority names need a session (/api/authorities), which nobody has yet here: the ids do.
    h('h2', { text: authorityId }),
    h('ul', { class: 'user-list' }, members.map((user) => h('li', {}, userButton(user, failure, context))))));

  replaceChildren(outlet,
    heading,
    h('p', { class: 'lead', i18n: 'signIn.devIntro' }),
    failure,
    groups);
}

function userButton(user, failure, context) {
  const button = h('button', {
    type: 'button',
    class: 'user-choice',
    testid: `sign-in-${user.userId}`,
    on: {
      click: async () => {
        button.disabled = true;
        failure.replaceChildren();
        try {
          await postJson('/api/dev/sign-in', { userId: user.userId });
          await context.signedIn();
        } catch (error) {
          failure.replaceChildren(errorBox(error));
          button.disabled = false;
        }
      },
    },
  },
  h('span', { class: 'user-choice__name', text: user.displayName }),
  h('span', { class: 'user-choice__roles' },
    (user.roles ?? []).map((role) => h('span', { class: 'tag', i18n: `role.${role}` }))),
  user.approverGroups?.length
    ? h('span', { class: 'user-choice__groups' },
      h('span', { i18n: 'signIn.groups' }), ' ', h('span', { text: user.approverGroups.join(', ') }))
    : null);
  return button;
}

function organisationSignIn() {
  return h('section', { class: 'card' },
    h('p', { class: 'lead', i18n: 'signIn.organisation' }),
    // App Service authentication's sign-in path; the Functions app is expected to run behind it outside Development.
    h('a', { class: 'button button--primary', href: '/.auth/login/aad?post_login_redirect_uri=/', testid: 'sign-in-organisation', i18n: 'signIn.organisationButton' }));
}
