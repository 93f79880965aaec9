package org.perflab.db;

import org.h2.jdbcx.JdbcDataSource;
import org.postgresql.ds.PGSimpleDataSource;

import javax.sql.DataSource;
import java.io.PrintWriter;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.SQLFeatureNotSupportedException;
import java.time.Duration;
import java.util.Properties;
import java.util.logging.Logger;

/** Unpooled data sources with timeouts that make a wrong URL fail in seconds, not minutes. */
final class ConnectionSources {

    private ConnectionSources() {
    }

    /**
     * pgjdbc's own data source. connectTimeout bounds the TCP connect, loginTimeout the whole
     * handshake (including DNS, which connectTimeout does not cover), socketTimeout a read that never
     * returns. A timeout written into the URL by the user wins over ours.
     */
    static DataSource postgres(String url, String user, String password, String applicationName,
                               Duration connectTimeout, Duration socketTimeout) {
        PGSimpleDataSource dataSource = new PGSimpleDataSource();
        dataSource.setURL(url);
        if (!url.contains("connectTimeout=")) {
            dataSource.setConnectTimeout(wholeSeconds(connectTimeout));
        }
        if (!url.contains("loginTimeout=")) {
            dataSource.setLoginTimeout(wholeSeconds(connectTimeout));
        }
        if (!url.contains("socketTimeout=")) {
            dataSource.setSocketTimeout(wholeSeconds(socketTimeout));
        }
        if (!url.contains("ApplicationName=")) {
            dataSource.setApplicationName(applicationName);
        }
        if (user != null) {
            dataSource.setUser(user);
        }
        if (password != null) {
            dataSource.setPassword(password);
        }
        return dataSource;
    }

    static DataSource h2(String url) {
        JdbcDataSource dataSource = new JdbcDataSource();
        dataSource.setURL(url);
        dataSource.setUser("sa");
        dataSource.setPassword("");
        return dataSource;
    }

    /** Any other driver on the classpath, through DriverManager with its login timeout set. */
    static DataSource driverManager(String url, String user, String password, Duration loginTimeout) {
        return new DriverManagerDataSource(url, user, password, wholeSeconds(loginTimeout));
    }

    /** JDBC's timeouts count whole seconds; a fraction rounds up, so a short timeout never becomes none (0). */
    static int wholeSeconds(Duration timeout) {
        long seconds = timeout.getSeconds() + (timeout.getNano() > 0 ? 1 : 0);
        return (int) Math.min(Integer.MAX_VALUE, seconds);
    }

    private static final class DriverManagerDataSource implements DataSource {
        private final String url;
        private final Properties properties = new Properties();
        private int loginTimeoutSeconds;

        DriverManagerDataSource(String url, String user, String password, int loginTimeoutSeconds) {
            this.url = url;
            this.loginTimeoutSeconds = loginTimeoutSeconds;
            if (user != null) {
                properties.setProperty("user", user);
            }
            if (password != null) {
                properties.setProperty("password", password);
            }
        }

        @Override
        public Connection getConnection() throws SQLException {
            // DriverManager's timeout is JVM-wide; drivers that honour it read it at connect time.
            DriverManager.setLoginTimeout(loginTimeoutSeconds);
            return DriverManager.getConnection(url, properties);
        }

        @Override
        public Connection getConnection(String username, String password) throws SQLException {
            Properties withUser = new Properties();
            withUser.setProperty("user", username);
            withUser.setProperty("password", password);
            DriverManager.setLoginTimeout(loginTimeoutSeconds);
            return DriverManager.getConnection(url, withUser);
        }

        @Override
        public PrintWriter getLogWriter() {
            return null;
        }

        @Override
        public void setLogWriter(PrintWriter out) {
            // No logging of our own.
        }

        @Override
        public void setLoginTimeout(int seconds) {
            this.loginTimeoutSeconds = seconds;
        }

        @Override
        public int getLoginTimeout() {
            return loginTimeoutSeconds;
        }

        @Override
        public Logger getParentLogger() throws SQLFeatureNotSupportedException {
            throw new SQLFeatureNotSupportedException("no parent logger");
        }

        @Override
        public <T> T unwrap(Class<T> type) throws SQLException {
            if (type.isInstance(this)) {
                return type.cast(this);
            }
            throw new SQLException("not a wrapper for " + type);
        }

        @Override
        public boolean isWrapperFor(Class<?> type) {
            return type.isInstance(this);
        }
    }
}
