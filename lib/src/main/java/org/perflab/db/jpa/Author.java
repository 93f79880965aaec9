package org.perflab.db.jpa;

import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

/** A row of {@link org.perflab.db.BlogDataset}'s {@code authors} table, as a JPA entity. */
@Entity
@Table(name = "authors")
public class Author {

    @Id
    private long id;
    private String name;
    private String email;

    /** For Hibernate, which builds entities (and lazy proxies of them) through this constructor. */
    protected Author() {
    }

    public long getId() {
        return id;
    }

    public String getName() {
        return name;
    }

    public String getEmail() {
        return email;
    }

    @Override
    public String toString() {
        return "Author[" + id + ", " + name + "]";
    }
}
