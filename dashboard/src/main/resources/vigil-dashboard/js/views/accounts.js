// Customers and users, for admins. MSP admins see and create customers and users of any customer; a customer's
// admin sees and creates users of its own customer only (the API enforces it; the page only hides what would fail).
// Every name goes through html`` escaping: a customer called "<b>x</b>" is shown as those characters.
import { api, describeError } from '../api.js';
import { html, render } from '../html.js';

const ROLES = ['viewer', 'operator', 'admin'];

export function mountAccounts(main, ctx) {
  const staff = !ctx.me.customer;
  render(main, html`<section class="accounts-page" aria-labelledby="accounts-title">
    <div class="page-head"><h1 id="accounts-title">Accounts</h1>
      <p class="summary">${staff ? 'All customers' : html`Users of ${ctx.me.customer}`}</p></div>
    <div id="accounts-error" class="inline-error" role="alert" hidden></div>
    ${staff ? html`<h2 id="customers-title">Customers</h2>
    <form class="toolbar" id="customer-form">
      <div class="field grow"><label for="customer-name">New customer</label>
        <input id="customer-name" name="name" maxlength="100" required></div>
      <button type="submit" class="primary" id="customer-create">Add customer</button>
    </form>
    <table class="vrrp" aria-labelledby="customers-title"><thead><tr><th>Customer</th><th>Sites</th></tr></thead>
      <tbody id="customer-rows"><tr><td colspan="2">Loading…</td></tr></tbody></table>` : ''}
    <h2 id="users-title">Users</h2>
    <form class="toolbar" id="user-form">
      <div class="field"><label for="user-username">User name</label>
        <input id="user-username" name="username" autocomplete="off" required></div>
      <div class="field"><label for="user-password">Password</label>
        <input id="user-password" name="password" type="password" autocomplete="new-password" minlength="8" required></div>
      <div class="field"><label for="user-role-select">Role</label><select id="user-role-select" name="role">
        ${ROLES.map((r) => html`<option value="${r}">${r}</option>`)}</select></div>
      ${staff ? html`<div class="field"><label for="user-customer">Customer</label>
        <select id="user-customer" name="customer"><option value="">MSP staff (all sites)</option></select></div>` : ''}
      <button type="submit" class="primary" id="user-create">Add user</button>
    </form>
    <table class="vrrp" aria-labelledby="users-title">
      <thead><tr><th>User</th><th>Role</th><th>Customer</th></tr></thead>
      <tbody id="user-rows"><tr><td colspan="3">Loading…</td></tr></tbody></table>
  </section>`);
  const $ = (s) => main.querySelector(s);
  const errorEl = $('#accounts-error');
  let alive = true;

  function fail(what, e) {
    if (!alive || e.status === 401) return;
    errorEl.textContent = describeError(what, e);
    errorEl.hidden = false;
  }

  async function load() {
    try {
      if (staff) {
        const { customers } = await api('api/customers');
        if (!alive) return;
        render($('#customer-rows'), customers.length
          ? html`${customers.map((c) => html`<tr data-customer="${c.name}"><td class="customer-name">${c.name}</td>
              <td>${c.sites.join(', ') || '—'}</td></tr>`)}`
          : html`<tr><td colspan="2">No customers yet.</td></tr>`);
        render($('#user-customer'), html`<option value="">MSP staff (all sites)</option>
          ${customers.map((c) => html`<option value="${c.name}">${c.name}</option>`)}`);
      }
      const { users } = await api('api/users');
      if (!alive) return;
      render($('#user-rows'), html`${users.map((u) => html`<tr data-user="${u.username}"><td>${u.username}</td>
        <td>${u.role}</td><td>${u.customer ?? 'MSP staff'}</td></tr>`)}`);
      errorEl.hidden = true;
    } catch (e) {
      fail('Could not load the accounts', e);
    }
  }

  $('#customer-form')?.addEventListener('submit', async (e) => {
    e.preventDefault();
    try {
      await api('api/customers', { method: 'POST', body: { name: e.target.name.value } });
      e.target.reset();
      await load();
    } catch (err) {
      fail('Could not add the customer', err);
    }
  });

  $('#user-form').addEventListener('submit', async (e) => {
    e.preventDefault();
    const f = e.target;
    const body = { username: f.username.value.trim(), password: f.password.value, role: f.role.value };
    if (staff && f.customer.value) body.customer = f.customer.value;
    try {
      await api('api/users', { method: 'POST', body });
      f.reset();
      await load();
    } catch (err) {
      fail('Could not add the user', err);
    }
  });

  load();
  return { unmount() { alive = false; } };
}
