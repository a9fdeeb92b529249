/* Reference-sequence harness: drives rsplib's own handlespace code (compiled from the read-only
   mirror in /tmp) with a tiny command language on stdin. Used only to obtain expected values. */
#include "poolhandlespacemanagement.h"
#include "randomizer.h"
#include <netinet/in.h>
#include <arpa/inet.h>
#define HS(x) x##_SimpleRedBlackTree
static struct HS(PoolHandlespaceManagement) hs;
static struct PoolHandle ph;
static unsigned long long now = 0;

static struct TransportAddressBlock* tab(int proto, int port, int flags, unsigned int id, int n) {
   union sockaddr_union a[2];
   memset(a, 0, sizeof(a));
   for(int i = 0; i < n; i++) {
      a[i].in.sin_family = AF_INET;
      a[i].in.sin_addr.s_addr = htonl(0x0a000000 | ((id + i) & 0xffff));
      a[i].in.sin_port = htons(port);
   }
   struct TransportAddressBlock* t = malloc(transportAddressBlockGetSize(2));
   transportAddressBlockNew(t, proto, port, flags, a, n, 2);
   return t;
}

int main(int argc, char** argv) {
   char cmd[64];
   HS(poolHandlespaceManagementNew)(&hs, 1, NULL, NULL, NULL);
   poolHandleNew(&ph, (const unsigned char*)"CalcAppPool", 11);
   while(scanf("%63s", cmd) == 1) {
      if(strcmp(cmd, "seed") == 0) {
         unsigned long long seed; scanf("%llu", &seed);
         extern void rngSeed(uint64_t); rngSeed(seed);
      }
      else if(strcmp(cmd, "pool") == 0) {
         char name[40]; scanf("%39s", name);
         poolHandleNew(&ph, (const unsigned char*)name, strlen(name));
      }
      else if(strcmp(cmd, "reg") == 0 || strcmp(cmd, "regx") == 0) {
         unsigned int id, type, weight, load, ldeg, ldpf, wdpf, dist, home = 1;
         int proto = IPPROTO_SCTP, flags = 0, port = 1024, naddr = 1;
         scanf("%u %x %u %u %u %u %u %u", &id, &type, &weight, &load, &ldeg, &ldpf, &wdpf, &dist);
         if(strcmp(cmd, "regx") == 0) scanf("%u %d %d %d %d", &home, &proto, &flags, &port, &naddr);
         struct PoolPolicySettings pps;
         poolPolicySettingsNew(&pps);
         pps.PolicyType = type; pps.Weight = weight; pps.Load = load; pps.LoadDegradation = ldeg;
         pps.LoadDPF = ldpf; pps.WeightDPF = wdpf; pps.Distance = dist;
         struct TransportAddressBlock* u = tab(proto, port, flags, id, naddr);
         struct TransportAddressBlock* r = tab(IPPROTO_SCTP, 3863, 0, id, 1);
         struct HS(PoolElementNode)* pe;
         unsigned int err = HS(poolHandlespaceManagementRegisterPoolElement)(&hs, &ph, home, id, 300000, &pps, u, r, -1, 0, now, &pe);
         printf("reg %u -> 0x%x\n", id, err);
      }
      else if(strcmp(cmd, "dereg") == 0) {
         unsigned int id; scanf("%u", &id);
         printf("dereg %u -> 0x%x\n", id, HS(poolHandlespaceManagementDeregisterPoolElement)(&hs, &ph, id));
      }
      else if(strcmp(cmd, "sel") == 0) {
         size_t items, maxinc, n = 0;
         scanf("%zu %zu", &items, &maxinc);
         struct HS(PoolElementNode)* arr[1024];
         HS(poolHandlespaceManagementHandleResolution)(&hs, &ph, arr, &n, items, maxinc);
         printf("sel");
         for(size_t i = 0; i < n; i++) printf(" %u", arr[i]->Identifier);
         printf("\n");
      }
      else if(strcmp(cmd, "selcount") == 0) {   /* many selections of 1 item, print counts per id */
         size_t rounds, maxinc; scanf("%zu %zu", &rounds, &maxinc);
         unsigned long counts[64] = {0};
         for(size_t k = 0; k < rounds; k++) {
            size_t n = 0; struct HS(PoolElementNode)* arr[4];
            HS(poolHandlespaceManagementHandleResolution)(&hs, &ph, arr, &n, 1, maxinc);
            if(n == 1 && arr[0]->Identifier < 64) counts[arr[0]->Identifier]++;
         }
         printf("counts");
         for(int i = 0; i < 64; i++) if(counts[i]) printf(" %d:%lu", i, counts[i]);
         printf("\n");
      }
      else if(strcmp(cmd, "dump") == 0) {
         struct HS(PoolNode)* pn = HS(poolHandlespaceNodeFindPoolNode)(&hs.Handlespace, &ph);
         printf("dump");
         if(pn) for(struct HS(PoolElementNode)* e = HS(poolNodeGetFirstPoolElementNodeFromSelection)(pn); e; e = HS(poolNodeGetNextPoolElementNodeFromSelection)(pn, e))
            printf(" %u(seq=%llu deg=%u rc=%u vc=%u val=%llu)", e->Identifier, (unsigned long long)e->SeqNumber, e->Degradation, e->RoundCounter, e->VirtualCounter, (unsigned long long)e->PoolElementSelectionStorageNode.Value);
         printf("\n");
      }
      else if(strcmp(cmd, "checksum") == 0) {
         printf("checksum own=%04x all=%04x\n", HS(poolHandlespaceManagementGetOwnershipChecksum)(&hs), HS(poolHandlespaceManagementGetHandlespaceChecksum)(&hs));
      }
   }
   return 0;
}
