/** Bearer tokens (DESIGN.md §6): list, create and revoke; ADMIN only. */
import { Arg, Ctx, FieldResolver, ID, Mutation, Query, Resolver, Root } from 'type-graphql';
import type { AgencyRecord, TokenRecord } from '../../db/api';
import { AppError, invalid } from '../../errors';
import { parseAgencyCode } from '../arguments';
import { canReadDrafts, requireAdmin, type Role } from '../auth';
import type { GraphqlContext } from '../context';
import { Agency } from '../types/agency.type';
import { ApiToken, CreatedToken, TokenRoleEnum, ViewerInfo } from '../types/token.type';

/** A token id as the API shows it: a positive integer, as a string or a number. */
function parseTokenId(field: string, id: string): number {
  const n = /^\d{1,15}$/.test(id) ? Number(id) : NaN;
  if (!Number.isSafeInteger(n) || n < 1) throw invalid(field, 'the id of a token (a positive integer)', id);
  return n;
}

@Resolver(() => ApiToken)
export class TokenResolver {
  @Query(() => ViewerInfo, { description: 'Who is asking. A bearer token that is not valid (unknown or revoked) is refused with UNAUTHENTICATED.' })
  viewer(@Ctx() { viewer }: GraphqlContext): ViewerInfo {
    switch (viewer.kind) {
      case 'anonymous':
        return { authenticated: false, role: null, canReadDrafts: false, agencyCode: null };
      case 'invalid-token':
        throw new AppError('UNAUTHENTICATED', 'the bearer token is not valid (unknown or revoked)', { field: 'Authorization', expected: 'Bearer <a valid token>', received: 'a token that matches none' });
      case 'token':
        return { authenticated: true, role: viewer.role, canReadDrafts: canReadDrafts(viewer), agencyCode: viewer.agencyCode };
      default: {
        const unreachable: never = viewer;
        throw new Error(`unknown viewer ${JSON.stringify(unreachable)}`);
      }
    }
  }

  @Query(() => [ApiToken], { description: 'Every bearer token, revoked ones included, by id (ADMIN).' })
  async tokens(@Ctx() { storage, viewer }: GraphqlContext): Promise<readonly TokenRecord[]> {
    requireAdmin(viewer, 'tokens');
    return storage.listTokens();
  }

  @Mutation(() => CreatedToken, {
    description: 'Creates a bearer token (ADMIN). EDITOR tokens need agencyCode; ADMIN and READER tokens take none. The secret is returned only here.',
  })
  async createToken(
    @Arg('role', () => TokenRoleEnum) role: Role,
    @Arg('agencyCode', () => ID, { nullable: true }) agencyCode: string | null,
    @Arg('label', () => String, { nullable: true }) label: string | null,
    @Ctx() { storage, viewer }: GraphqlContext,
  ) {
    requireAdmin(viewer, 'createToken');
    const { token, secret } = await storage.createToken({
      role,
      agencyCode: agencyCode == null ? null : parseAgencyCode('agencyCode', agencyCode),
      label: label ?? null,
    });
    return { id: token.id, secret, token };
  }

  @Mutation(() => ApiToken, { description: 'Revokes a token at once (ADMIN); revoking again keeps the first revokedAt.' })
  async revokeToken(@Arg('id', () => ID) id: string, @Ctx() { storage, viewer }: GraphqlContext): Promise<TokenRecord> {
    requireAdmin(viewer, 'revokeToken');
    return storage.revokeToken(parseTokenId('id', String(id)));
  }

  @FieldResolver(() => Agency, { nullable: true, description: 'The agency an EDITOR token writes (with the agencies below it); null for ADMIN and READER.' })
  async agency(@Root() token: TokenRecord, @Ctx() { loaders }: GraphqlContext): Promise<AgencyRecord | null> {
    return token.agencyId === null ? null : loaders.agenciesById.load(token.agencyId);
  }
}
