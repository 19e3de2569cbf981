import fc from 'fast-check';
import { isWithin, Principal } from './principal';

describe('Principal', () => {
  const hanoi = 'root.hanoi';
  const admin = new Principal('u1', 'admin.hanoi', [{ role: 'org_admin', unitId: 'h', path: hanoi }]);

  it('allows a permission inside the granted subtree only', () => {
    expect(admin.can('user.manage', 'root.hanoi')).toBe(true);
    expect(admin.can('user.manage', 'root.hanoi.badinh')).toBe(true);
    expect(admin.can('user.manage', 'root.danang')).toBe(false);
    expect(admin.can('user.manage', 'root')).toBe(false);
    // A sibling whose label merely starts with the same letters is outside.
    expect(admin.can('user.manage', 'root.hanoi2')).toBe(false);
  });

  it('does not lend one role’s permissions to another role’s subtree', () => {
    const p = new Principal('u2', 'x', [
      { role: 'learner', unitId: 'a', path: 'root.a' },
      { role: 'org_admin', unitId: 'b', path: 'root.b' },
    ]);
    expect(p.can('user.manage', 'root.a.c')).toBe(false);
    expect(p.can('user.manage', 'root.b.c')).toBe(true);
    expect(p.hasPermission('exam.take')).toBe(true);
  });

  it('keeps only the outermost roots for list filters', () => {
    const p = new Principal('u3', 'x', [
      { role: 'org_admin', unitId: 'a', path: 'root.a' },
      { role: 'org_admin', unitId: 'b', path: 'root.a.b' },
      { role: 'org_admin', unitId: 'c', path: 'root.c' },
    ]);
    expect(p.rootsFor('user.read').sort()).toEqual(['root.a', 'root.c']);
    expect(p.rootsFor('item.author')).toEqual([]);
  });

  it('isWithin agrees with ltree ancestry for any labels', () => {
    const label = fc.stringMatching(/^[a-z0-9]{1,4}$/);
    fc.assert(
      fc.property(fc.array(label, { minLength: 1, maxLength: 5 }), fc.array(label, { maxLength: 3 }), (root, tail) => {
        const path = [...root, ...tail].join('.');
        expect(isWithin(path, root.join('.'))).toBe(true);
        if (tail.length > 0) expect(isWithin(root.join('.'), path)).toBe(false);
      }),
    );
  });
});
