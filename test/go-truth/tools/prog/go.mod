module example.com/toolsprog

go 1.22
