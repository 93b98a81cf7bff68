	V_tab1[12] = x;
