package org.perflab.queueing;

/**
 * A FIFO of (arrival time, service time) pairs as primitive doubles: a simulation queues millions
 * of requests, and boxing each one would make the garbage collector part of the experiment.
 */
final class PairQueue {

    private double[] arrivals = new double[16];
    private double[] services = new double[16];
    private int head;
    private int size;

    int size() {
        return size;
    }

    boolean isEmpty() {
        return size == 0;
    }

    void add(double arrival, double service) {
        if (size == arrivals.length) {
            grow();
        }
        int tail = (head + size) & (arrivals.length - 1);
        arrivals[tail] = arrival;
        services[tail] = service;
        size++;
    }

    double headArrival() {
        return arrivals[head];
    }

    double headService() {
        return services[head];
    }

    void removeHead() {
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
