import { describe, expect, it } from '@jest/globals'
import { LISTED_NAMES, matchNamed } from '../../src/rules/name-matching.ts'

const shop = { id: '11111111-1111-4111-8111-111111111111', name: 'Shop' }
const blog = { id: '22222222-2222-4222-8222-222222222222', name: 'blog' }
const shopAgain = { id: '33333333-3333-4333-8333-333333333333', name: 'SHOP ' }

describe('matchNamed', () => {
  it('matches a name case-insensitively, surrounding blanks ignored on both sides', () => {
    expect(matchNamed('project', '  shop ', [shop, blog], 'in organization "Acme"')).toEqual({ found: shop })
    expect(matchNamed('project', 'BLOG', [shop, blog], 'in organization "Acme"')).toEqual({ found: blog })
  })

  it('takes a UUID as an id, in any case', () => {
    expect(matchNamed('project', blog.id.toUpperCase(), [shop, blog], 'x')).toEqual({ found: blog })
  })

  it('does not match inside names or ignore inner blanks', () => {
    expect('problem' in matchNamed('project', 'sho', [shop], 'x')).toBe(true)
    expect('problem' in matchNamed('project', 's hop', [shop], 'x')).toBe(true)
  })

  it('lists the names that exist when nothing matches', () => {
    expect(matchNamed('project', 'shp', [shop, blog], 'in organization "Acme"')).toEqual({
      problem: 'No project named "shp" in organization "Acme". The projects there are: "Shop", "blog".'
    })
    expect(matchNamed('organization', blog.id.replace('2', '9'), [shop], 'visible to the token')).toEqual({
      problem: `No organization with id ${blog.id.replace('2', '9')} visible to the token. The organizations there are: "Shop".`
    })
  })

  it('cuts a long list and says how many more', () => {
    const many = Array.from({ length: LISTED_NAMES + 5 }, (_, index) => ({ id: `id-${index}`, name: `env-${index}` }))
    const match = matchNamed('environment', 'nope', many, 'in project "shop"')
    expect('problem' in match && match.problem).toContain(`"env-${LISTED_NAMES - 1}" and 5 more.`)
    expect('problem' in match && match.problem).not.toContain(`"env-${LISTED_NAMES}"`)
  })

  it('says when there is nothing at all', () => {
    expect(matchNamed('environment', 'pr-1', [], 'in project "shop"')).toEqual({
      problem: 'No environment named "pr-1" in project "shop": the token sees no environment in it.'
    })
  })

  it('refuses to guess between two matches and lists them with their ids', () => {
    expect(matchNamed('organization', 'shop', [shop, blog, shopAgain], 'visible to the token')).toEqual({
      problem: `2 organizations visible to the token are named "shop": "Shop" (${shop.id}), "SHOP " (${shopAgain.id}). Give the organization by id instead.`
    })
  })
})
