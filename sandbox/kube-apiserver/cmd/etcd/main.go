// Command etcd is the upstream etcd server, built from its Go module at the version pinned in
// go.mod, as the storage of the envops test API server.
package main

import (
	"os"

	"go.etcd.io/etcd/server/v3/etcdmain"
)

func main() {
	etcdmain.Main(os.Args)
}
