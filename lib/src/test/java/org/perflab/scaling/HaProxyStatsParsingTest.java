package org.perflab.scaling;

import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Reading HAProxy's {@code show stat} CSV, including the quoted fields a failed check produces. */
class HaProxyStatsParsingTest {

    private static final String CSV = String.join("\n",
            "# pxname,svname,qcur,scur,stot,econ,eresp,wretr,wredis,status,check_status,last_chk,extra",
            "perflab_in,FRONTEND,,3,40,,,,,OPEN,,,",
            "perflab_upstreams,a,0,2,30,0,0,0,0,UP,L7OK,\"HTTP status check returned code <3C>200<3E>\",x",
            "perflab_upstreams,b,1,0,10,4,1,2,1,DOWN,* L4CON,\"Connection refused, info: \"\"at initial connection step\"\"\",y",
            "perflab_upstreams,BACKEND,5,2,40,4,1,2,1,UP,,,",
            "");

    @Test
    void readsEachServerOfTheBackendByColumnName() {
        List<UpstreamStats> servers = UpstreamStats.parse(CSV, HaProxyConfig.BACKEND, false);

        assertEquals(List.of(
                new UpstreamStats("a", "UP", 2, 30, 0, 0, 0, 0, 0, "L7OK"),
                new UpstreamStats("b", "DOWN", 0, 10, 1, 4, 1, 2, 1, "L4CON")), servers);
        assertTrue(servers.get(0).up());
        assertTrue(servers.get(1).down());
        assertFalse(servers.get(1).up());
        UpstreamStats backend = UpstreamStats.parse(CSV, HaProxyConfig.BACKEND, true).get(2);
        assertEquals("BACKEND", backend.name());
        assertEquals(5, backend.queued());
    }

    @Test
    void quotedFieldsKeepTheirCommasAndQuotes() {
        assertEquals(List.of("b", "Connection refused, info: \"at step\"", ""),
                UpstreamStats.fields("b,\"Connection refused, info: \"\"at step\"\"\","));
    }

    @Test
    void anAnswerWithoutAHeaderIsAnError() {
        IllegalStateException error = assertThrows(IllegalStateException.class,
                () -> UpstreamStats.parse("Unknown command\n", HaProxyConfig.BACKEND, false));
        assertTrue(error.getMessage().contains("Unknown command"), error.getMessage());
    }
}
