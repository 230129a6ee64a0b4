//! `dbtool restore` against moto: the exact RDS calls and parameters (recorder).
