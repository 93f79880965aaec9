package org.perflab.scaling;

/** One balancer's state for one run: picks a server for each request, in arrival order. */
interface Router {

    /**
     * @param client      the requesting client's id, from 0 to the client population
     * @param outstanding requests queued or in service per server, right now; read only
     * @return the chosen server's index
     */
    int choose(int client, int[] outstanding);
}
