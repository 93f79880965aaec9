package org.perflab.scaling;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * A published concurrency sweep with its published Universal Scalability Law fit, to check a fitter on
 * before trusting it with new measurements.
 *
 * @param name         what was measured
 * @param source       where the numbers and the fit were published
 * @param concurrency  the load of each point (N)
 * @param throughput   the measured throughput at each point (X)
 * @param publishedFit the coefficients as published, to four significant digits
 * @param publishedRSquared the published coefficient of determination
 */
public record PublishedScalabilityData(String name, String source, double[] concurrency, double[] throughput,
                                       UniversalScalabilityLaw publishedFit, double publishedRSquared) {

    public PublishedScalabilityData {
        concurrency = concurrency.clone();
        throughput = throughput.clone();
    }

    /**
     * The SPEC SDM91 benchmark on a 16-CPU Sun SPARCcenter 2000 (users against script executions per hour)
     * from Gunther's <i>Guerrilla Capacity Planning</i>, with the nls fit printed by the R package usl.
     */
    public static PublishedScalabilityData specSdm91() {
        double[][] columns = read("specsdm91.csv");
        return new PublishedScalabilityData(
                "SPEC SDM91, Sun SPARCcenter 2000 (16 CPUs): users against script executions per hour",
                "N. J. Gunther, Guerrilla Capacity Planning (Springer, 2007); fit from the R package usl"
                        + " (S. Moeding, tests/summary.Rout.save)",
                columns[0], columns[1], new UniversalScalabilityLaw(90.00, 2.773e-02, 1.044e-04), 0.9896);
    }

    @Override
    public double[] concurrency() {
        return concurrency.clone();
    }

    @Override
    public double[] throughput() {
        return throughput.clone();
    }

    /** Reads the two numeric columns of a CSV resource, skipping # comments and the header. */
    private static double[][] read(String resource) {
        List<double[]> rows = new ArrayList<>();
        try (InputStream in = PublishedScalabilityData.class.getResourceAsStream(resource)) {
            if (in == null) {
                throw new IllegalStateException("resource " + resource + " is missing from the library jar");
            }
            BufferedReader reader = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8));
            boolean header = true;
            for (String line = reader.readLine(); line != null; line = reader.readLine()) {
                if (line.isBlank() || line.startsWith("#")) {
                    continue;
                }
                if (header) {
                    header = false;
                    continue;
                }
                String[] cells = line.split(",");
                rows.add(new double[]{Double.parseDouble(cells[0]), Double.parseDouble(cells[1])});
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        double[][] columns = new double[2][rows.size()];
        for (int i = 0; i < rows.size(); i++) {
            columns[0][i] = rows.get(i)[0];
            columns[1][i] = rows.get(i)[1];
        }
        return columns;
    }
}
