package org.perflab.queueing;

/**
 * A FIFO of (arrival time, service time) pairs as primitive doubles: a simulation queues millions
 * of requests, and boxing each one would make the garbage collector part of the experiment. Public
 * so the load-balancer simulation of {@code org.perflab.scaling} queues the same way. Not thread-safe.
 */
public final class PairQueue {

    private double[] arrivals = new double[16];
    private double[] services = new double[16];
    private int head;
    private int size;

    public int size() {
        return size;
    }

    public boolean isEmpty() {
        return size == 0;
    }

    public void add(double arrival, double service) {
        if (size == arrivals.length) {
            grow();
        }
        int tail = (head + size) & (arrivals.length - 1);
        arrivals[tail] = arrival;
        services[tail] = service;
        size++;
    }

    public double headArrival() {
        return arrivals[head];
    }

    public double headService() {
        return services[head];
    }

    public void removeHead() {
        head = (head + 1) & (arrivals.length - 1);
        size--;
    }

    /** Doubles the capacity (always a power of two, so wrapping is a mask), unrolling the ring. */
    private void grow() {
        double[] newArrivals = new double[arrivals.length * 2];
        double[] newServices = new double[services.length * 2];
        for (int i = 0; i < size; i++) {
            int from = (head + i) & (arrivals.length - 1);
            newArrivals[i] = arrivals[from];
            newServices[i] = services[from];
        }
        arrivals = newArrivals;
        services = newServices;
        head = 0;
    }
}
