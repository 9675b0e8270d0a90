module golayout

go 1.22
