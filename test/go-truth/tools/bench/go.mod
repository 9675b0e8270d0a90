module example.com/benchalloc

go 1.22
