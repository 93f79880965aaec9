package org.perflab.scaling;

/**
 * A stand-in for a notebook JVM, for {@link ServiceFleetParentDeathIT}: starts a one-instance fleet,
 * prints the instance's pid, and waits to be killed.
 */
public final class FleetHolder {

    private FleetHolder() {
    }

    public static void main(String[] args) throws Exception {
        ServiceFleet fleet = ServiceFleet.builder().instances(1).workers(1).start();
        System.out.println("logs " + fleet.logDirectory());
        System.out.println("instance-pid " + fleet.pid(0));
        System.out.flush();
        Thread.sleep(120_000);
        fleet.close();
    }
}
