// The estimate (-fsyntax-only) places each variable where clang creates
// its global: in the order emitted code first refers to it.  That is not
// always source order: a scalar assignment and a compound assignment
// emit their right side first ("VNET(tbl) = hinit(&VNET(mask))" creates
// mask first), an aggregate assignment its left side first, a for loop
// its body before its increment, and a condition that folds to a
// constant only its live arm.  Each case is checked against the object.
//
// RUN: %modspace -DVIMAGE -c %s -o %t.o -fplugin-arg-modspace-report=%t.json
// RUN: %objcheck %t.json %t.o | FileCheck %s
// RUN: %modspace -DVIMAGE -fsyntax-only %s -fplugin-arg-modspace-report=%t.est.json
// RUN: %objcheck %t.est.json %t.o --estimate-ok | FileCheck %s
// RUN: llvm-nm -n %t.o | FileCheck --check-prefix=ORDER %s

#include <net/vnet.h>

struct big {
	int	v[10];
};

int	*hinit(int *);
int	f2(int, int);
int	use(int);

int f2(int, int);
VNET_DEFINE_STATIC(int, a1); VNET_DEFINE_STATIC(int, a2);
VNET_DEFINE_STATIC(int *, b1); VNET_DEFINE_STATIC(int, b2);
VNET_DEFINE_STATIC(int, c1); VNET_DEFINE_STATIC(int, c2);
VNET_DEFINE_STATIC(int, d1); VNET_DEFINE_STATIC(int, d2); VNET_DEFINE_STATIC(int, d3);
VNET_DEFINE_STATIC(int, e1); VNET_DEFINE_STATIC(int, e2); VNET_DEFINE_STATIC(int, e3);
VNET_DEFINE_STATIC(struct big, g1); VNET_DEFINE_STATIC(struct big, g2);
VNET_DEFINE_STATIC(int, h1[4]); VNET_DEFINE_STATIC(int, h2);
VNET_DEFINE_STATIC(int, i1); VNET_DEFINE_STATIC(int, i2);
VNET_DEFINE_STATIC(int, j1); VNET_DEFINE_STATIC(int, j2);
VNET_DEFINE_STATIC(int, k1); VNET_DEFINE_STATIC(int, k2);
VNET_DEFINE_STATIC(int, l1); VNET_DEFINE_STATIC(int, l2);
VNET_DEFINE_STATIC(int, m1); VNET_DEFINE_STATIC(int, m2);
VNET_DEFINE_STATIC(struct big, n1); VNET_DEFINE_STATIC(int, n2);
VNET_DEFINE_STATIC(int, p1); VNET_DEFINE_STATIC(int, p2); VNET_DEFINE_STATIC(int, p3); VNET_DEFINE_STATIC(int, p4);
VNET_DEFINE_STATIC(int, q1); VNET_DEFINE_STATIC(int, q2);
VNET_DEFINE_STATIC(int, s1); VNET_DEFINE_STATIC(int, s2);
VNET_DEFINE_STATIC(int, t1); VNET_DEFINE_STATIC(int, t2);
VNET_DEFINE_STATIC(int, u1); VNET_DEFINE_STATIC(int, u2);
VNET_DEFINE_STATIC(int, w1); VNET_DEFINE_STATIC(int, w2);
VNET_DEFINE_STATIC(int, x1); VNET_DEFINE_STATIC(int, x2); VNET_DEFINE_STATIC(int, x3);
VNET_DEFINE_STATIC(int, y1); VNET_DEFINE_STATIC(int, y2);
VNET_DEFINE_STATIC(int, z1);	/* never used */

int
use(int n)
{
	int r = 0, i;

	VNET(a1) = VNET(a2);
	VNET(b1) = hinit(&VNET(b2));
	VNET(c1) += VNET(c2);
	r = f2(VNET(d2), VNET(d1)) ? VNET(d3) : 0;
	r += VNET(e1) ? VNET(e2) : VNET(e3);
	VNET(g1) = VNET(g2);
	r += VNET(h1)[VNET(h2)];
	{ int x = VNET(i2), y = VNET(i1); r += x + y; }
	r += VNET(j1) && VNET(j2);
	VNET(k2)++; VNET(k1)--;
	VNET(l1) = VNET(l2) = 0;
	VNET(m1) <<= VNET(m2);
	VNET(n1).v[VNET(n2)] = VNET(n2);
	for (i = VNET(p4); i < VNET(p3); i += VNET(p2))
		r += VNET(p1);
	if (0)
		r += VNET(q1);
	r += VNET(q2);
	r += 0 ? VNET(s1) : VNET(s2);
	r += (0 && VNET(t1)) + VNET(t2);
	r += (1 || VNET(u1)) + VNET(u2);
	while (0)
		r += VNET(w1);
	r += VNET(w2);
	switch (n) {
	case 1:
		r += VNET(x2);
		break;
	default:
		r += VNET(x3);
	}
	r += VNET(x1);
	do {
		r += VNET(y2);
	} while (VNET(y1));
	return (r);
}

// ORDER: vnet_entry_a2
// ORDER-NEXT: vnet_entry_a1
// ORDER-NEXT: vnet_entry_b2
// ORDER-NEXT: vnet_entry_b1
// ORDER-NEXT: vnet_entry_c2
// ORDER-NEXT: vnet_entry_c1
// ORDER-NEXT: vnet_entry_d2
// ORDER-NEXT: vnet_entry_d1
// ORDER-NEXT: vnet_entry_d3
// ORDER-NEXT: vnet_entry_e1
// ORDER-NEXT: vnet_entry_e2
// ORDER-NEXT: vnet_entry_e3
// ORDER-NEXT: vnet_entry_g1
// ORDER-NEXT: vnet_entry_g2
// ORDER-NEXT: vnet_entry_h1
// ORDER-NEXT: vnet_entry_h2
// ORDER-NEXT: vnet_entry_i2
// ORDER-NEXT: vnet_entry_i1
// ORDER-NEXT: vnet_entry_j1
// ORDER-NEXT: vnet_entry_j2
// ORDER-NEXT: vnet_entry_k2
// ORDER-NEXT: vnet_entry_k1
// ORDER-NEXT: vnet_entry_l2
// ORDER-NEXT: vnet_entry_l1
// ORDER-NEXT: vnet_entry_m2
// ORDER-NEXT: vnet_entry_m1
// ORDER-NEXT: vnet_entry_n2
// ORDER-NEXT: vnet_entry_n1
// ORDER-NEXT: vnet_entry_p4
// ORDER-NEXT: vnet_entry_p3
// ORDER-NEXT: vnet_entry_p1
// ORDER-NEXT: vnet_entry_p2
// ORDER-NEXT: vnet_entry_q2
// ORDER-NEXT: vnet_entry_s2
// ORDER-NEXT: vnet_entry_t2
// ORDER-NEXT: vnet_entry_u2
// ORDER-NEXT: vnet_entry_w1
// ORDER-NEXT: vnet_entry_w2
// ORDER-NEXT: vnet_entry_x2
// ORDER-NEXT: vnet_entry_x3
// ORDER-NEXT: vnet_entry_x1
// ORDER-NEXT: vnet_entry_y2
// ORDER-NEXT: vnet_entry_y1
// ORDER-NEXT: vnet_entry_q1
// ORDER-NEXT: vnet_entry_s1
// ORDER-NEXT: vnet_entry_t1
// ORDER-NEXT: vnet_entry_u1
// ORDER-NEXT: vnet_entry_z1

// CHECK: ok set_vnet size
// CHECK-COUNT-48: ok vnet_entry_
// CHECK: objcheck: all figures match the object
