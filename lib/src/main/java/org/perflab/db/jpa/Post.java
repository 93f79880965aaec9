package org.perflab.db.jpa;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.FetchType;
import jakarta.persistence.Id;
import jakarta.persistence.JoinColumn;
import jakarta.persistence.ManyToOne;
import jakarta.persistence.OneToMany;
import jakarta.persistence.OrderBy;
import jakarta.persistence.Table;

import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.List;

/**
 * A row of {@link org.perflab.db.BlogDataset}'s {@code posts} table, as a JPA entity.
 *
 * <p>Both associations are lazy, as most mappings end up (JPA's default for {@code @ManyToOne} is
 * eager, and teams switch it off so that listing posts does not load every author): {@link
 * #getAuthor()} returns a proxy that runs a query the first time its name is read, and {@link
 * #getComments()} a collection that runs one the first time it is touched. That is the N+1 trap an
 * ORM sets: no query in sight in the loop, one per row on the wire.
 */
@Entity
@Table(name = "posts")
public class Post {

    @Id
    private long id;

    @ManyToOne(fetch = FetchType.LAZY, optional = false)
    @JoinColumn(name = "author_id")
    private Author author;

    private String title;

    @Column(name = "created_at")
    private LocalDateTime createdAt;

    @OneToMany(mappedBy = "post", fetch = FetchType.LAZY)
    @OrderBy("id")
    private List<Comment> comments = new ArrayList<>();

    protected Post() {
    }

    public long getId() {
        return id;
    }

    public Author getAuthor() {
        return author;
    }

    public String getTitle() {
        return title;
    }

    public LocalDateTime getCreatedAt() {
        return createdAt;
    }

    public List<Comment> getComments() {
        return comments;
    }

    @Override
    public String toString() {
        return "Post[" + id + ", " + title + "]";
    }
}
