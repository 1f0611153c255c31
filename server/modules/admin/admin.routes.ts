import type { FastifyInstance } from 'fastify';
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import { Type } from 'typebox';
import {
  CreateGrantBody, CreateUserBody, GrantListQuery, GrantPage, GrantRow, RoleView, SecuritySettingsView, UpdateRoleBody,
  UpdateUserBody, UserListQuery, UserPage, UserView,
} from '../../../common/modules/admin/admin.contract.js';
import { Id, Ok } from '../../../common/modules/shared/shared.contract.js';
import { actorOf } from '../../core/http.js';
import type { Clock } from '../../core/context.js';
import { notFound } from '../../core/errors.js';
import type { AdminService } from './admin.service.js';
import { presentGrant, presentUser } from './admin.presenter.js';

export function adminRoutes(app: FastifyInstance, svc: AdminService, clock: Clock): void {
  const r = app.withTypeProvider<TypeBoxTypeProvider>();
  const tags = ['admin'];

  r.get('/api/users', { config: { access: 'user.read' }, schema: { tags, summary: 'Users in my subtree', querystring: UserListQuery, response: { 200: UserPage } } }, async (req) => {
    const page = await svc.listUsers(actorOf(req), req.query);
    return { items: page.items.map((u) => presentUser(u, clock.now())), nextCursor: page.nextCursor };
  });
  r.get('/api/users/:id', { config: { access: 'user.read' }, schema: { tags, summary: 'One user (404 outside my subtree)', params: Type.Object({ id: Id }), response: { 200: UserView } } }, async (req) => {
    return presentUser(await svc.getUser(actorOf(req), req.params.id), clock.now());
  });
  r.post('/api/users', { config: { access: 'user.manage' }, schema: { tags, summary: 'Create a user with an initial password (changed at first login)', body: CreateUserBody, response: { 201: UserView } } }, async (req, reply) => {
    const u = await svc.createUser(actorOf(req), req.body);
    return reply.code(201).send(presentUser(u, clock.now()));
  });
  r.patch('/api/users/:id', { config: { access: 'user.manage' }, schema: { tags, summary: 'Rename, disable/enable, unlock or reset the password of a user', params: Type.Object({ id: Id }), body: UpdateUserBody, response: { 200: UserView } } }, async (req) => {
    const u = await svc.updateUser(actorOf(req), req.params.id, req.body);
    return presentUser(u, clock.now());
  });

  r.get('/api/roles', { config: { access: 'role.read' }, schema: { tags, summary: 'Roles and their permissions', response: { 200: Type.Object({ items: Type.Array(RoleView) }) } } }, async () => ({ items: await svc.listRoles() }));
  r.put('/api/roles/:code', { config: { access: 'role.manage' }, schema: { tags, summary: 'Create or change a role', params: Type.Object({ code: Type.String({ maxLength: 48 }) }), body: UpdateRoleBody, response: { 200: RoleView } } }, async (req) => {
    const role = await svc.updateRole(actorOf(req), req.params.code, req.body);
    if (!role) throw notFound('role');
    return role;
  });

  r.get('/api/grants', { config: { access: 'grant.read' }, schema: { tags, summary: 'Role grants in my subtree', querystring: GrantListQuery, response: { 200: GrantPage } } }, async (req) => {
    const page = await svc.listGrants(actorOf(req), req.query);
    return { items: page.items.map(presentGrant), nextCursor: page.nextCursor };
  });
  r.post('/api/grants', { config: { access: 'grant.manage' }, schema: { tags, summary: 'Grant a role to a user at a unit (covers its subtree)', body: CreateGrantBody, response: { 201: GrantRow } } }, async (req, reply) => {
    const g = await svc.createGrant(actorOf(req), req.body);
    return reply.code(201).send(presentGrant(g));
  });
  r.delete('/api/grants/:id', { config: { access: 'grant.manage' }, schema: { tags, summary: 'Revoke a grant', params: Type.Object({ id: Id }), response: { 200: Ok } } }, async (req) => {
    await svc.revokeGrant(actorOf(req), req.params.id);
    return { ok: true as const };
  });

  r.get('/api/security/settings', { config: { access: 'security.manage' }, schema: { tags, summary: 'Session, lockout and password settings', response: { 200: SecuritySettingsView } } }, async (req) => svc.getSecuritySettings(actorOf(req)));
  r.put('/api/security/settings', { config: { access: 'security.manage' }, schema: { tags, summary: 'Change session, lockout and password settings', body: SecuritySettingsView, response: { 200: SecuritySettingsView } } }, async (req) => svc.setSecuritySettings(actorOf(req), req.body));
}
